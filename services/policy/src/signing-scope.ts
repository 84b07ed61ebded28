import { invalidArgument } from '@strongroom/errors';
import { MAX_PRESIGNED_EXPIRES_SECONDS } from '@strongroom/sigv4';

const DATE = /^\d{8}$/;
const SCOPE_PART = /^[a-z0-9-]{1,64}$/;

/**
 * How far a request's time may stray from the gateway's clock (SigV4's 15
 * minutes), plus as much again for the gateway's clock and this service's
 * to differ.
 */
const CLOCK_ALLOWANCE_MS = 2 * 15 * 60 * 1000;

/** The UTC date of an instant, `YYYYMMDD`. */
function utcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Checks the credential scope of a GetSigningKey request. Its date must be
 * one a header-signed or presigned request the gateway still accepts can
 * be signed on: a presigned URL signed up to 7 days ago (its longest
 * expiry), or a request dated within the clock skew allowed. A key for any other day would only let
 * whoever holds it sign requests the access key's owner never made, for
 * days after the credential that fetched it is revoked.
 */
export function validateScope(date: string, region: string, service: string, now: number): void {
  const month = Number(date.slice(4, 6));
  const day = Number(date.slice(6, 8));
  if (!DATE.test(date) || month < 1 || month > 12 || day < 1 || day > 31) throw invalidArgument('date', 'must be YYYYMMDD');
  const earliest = utcDate(now - MAX_PRESIGNED_EXPIRES_SECONDS * 1000 - CLOCK_ALLOWANCE_MS);
  const latest = utcDate(now + CLOCK_ALLOWANCE_MS);
  if (date < earliest || date > latest) throw invalidArgument('date', `must be from ${earliest} to ${latest}: keys are served from 7 days back, the longest a presigned URL lives, to today`);
  if (!SCOPE_PART.test(region)) throw invalidArgument('region', 'must be a region name such as us-east-1');
  if (!SCOPE_PART.test(service)) throw invalidArgument('service', 'must be a service name such as s3');
}
