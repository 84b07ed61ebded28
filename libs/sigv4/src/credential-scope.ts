import { SCOPE_TERMINATOR } from './signing';
import type { SigV4Error } from './sigv4-error';

/** The parts of `Credential=<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  readonly accessKeyId: string;
  /** The scope date, `YYYYMMDD`. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** Builds the error for a malformed authorization (the header form and the query form use different codes and wording). */
export type MalformedAuthorization = (message: string, details?: Readonly<Record<string, string>>) => SigV4Error;

/** The scope string of the string to sign: `<YYYYMMDD>/<region>/<service>/aws4_request`. */
export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

/**
 * Parses a credential and checks it against the region and service this
 * endpoint serves and the date of the request (`YYYYMMDD` of `x-amz-date`),
 * with S3's messages.
 */
export function parseCredentialScope(
  credential: string,
  expected: { readonly region: string; readonly service: string; readonly date: string },
  malformed: MalformedAuthorization,
): CredentialScope {
  const parts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !date || region === undefined || !service || terminator === undefined) {
    throw malformed('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  if (!/^\d{8}$/.test(date)) {
    throw malformed(`incorrect date format "${date}". This date in the credential must be in the format "yyyyMMdd".`);
  }
  if (date !== expected.date) {
    throw malformed('Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  if (region !== expected.region) {
    throw malformed(`the region '${region}' is wrong; expecting '${expected.region}'`, { Region: expected.region });
  }
  if (service !== expected.service) {
    throw malformed(`incorrect service "${service}". This endpoint belongs to "${expected.service}".`);
  }
  if (terminator !== SCOPE_TERMINATOR) {
    throw malformed(`incorrect terminal "${terminator}". This endpoint uses "${SCOPE_TERMINATOR}".`);
  }
  return { accessKeyId, date, region, service };
}
