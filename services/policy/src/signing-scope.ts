import { invalidArgument } from '@strongroom/errors';

const DATE = /^\d{8}$/;
const SCOPE_PART = /^[a-z0-9-]{1,64}$/;

/** Checks the credential scope of a GetSigningKey request. */
export function validateScope(date: string, region: string, service: string): void {
  const month = Number(date.slice(4, 6));
  const day = Number(date.slice(6, 8));
  if (!DATE.test(date) || month < 1 || month > 12 || day < 1 || day > 31) throw invalidArgument('date', 'must be YYYYMMDD');
  if (!SCOPE_PART.test(region)) throw invalidArgument('region', 'must be a region name such as us-east-1');
  if (!SCOPE_PART.test(service)) throw invalidArgument('service', 'must be a service name such as s3');
}
