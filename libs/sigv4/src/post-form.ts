import { parseAmzDate } from './amz-date';
import type { ClaimExpectations } from './auth-claim';
import { useSigV4 } from './authorization-header';
import { parseCredentialScope, type CredentialScope } from './credential-scope';
import { MAX_PRESIGNED_EXPIRES_SECONDS } from './presigned-query';
import { ALGORITHM } from './signing';
import { SigV4Error } from './sigv4-error';

/**
 * The signature fields of a browser POST form (S3's POST Object with a SigV4
 * policy), as sent. What is signed is the `policy` field itself: the
 * base64 text, not the JSON it encodes.
 */
export interface PostFormSignature {
  /** `x-amz-algorithm`. */
  readonly algorithm: string;
  /** `x-amz-credential`: `<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request`. */
  readonly credential: string;
  /** `x-amz-date`, ISO 8601 basic (`20151229T000000Z`). */
  readonly amzDate: string;
  /** `x-amz-signature`: hex HMAC-SHA256 of `policy` under the signing key. */
  readonly signature: string;
  /** `policy`: the base64 policy document exactly as sent. */
  readonly policy: string;
  /** `x-amz-security-token`, when sent (given to `getSigningKey`). */
  readonly securityToken: string | undefined;
}

/** A POST form whose policy signature verified. */
export interface SignedPostForm<P> {
  readonly kind: 'signed';
  /** Whatever `getSigningKey` returned for the access key. */
  readonly principal: P;
  readonly accessKeyId: string;
  /** `s3:authType` of a form upload. */
  readonly authType: 'POST';
  /** `s3:signatureversion`. */
  readonly signatureVersion: typeof ALGORITHM;
  /** `s3:signatureAge`: milliseconds from `x-amz-date` to now (0 when dated slightly in the future). */
  readonly signatureAge: number;
  /** `x-amz-date`, epoch milliseconds. */
  readonly signedAt: number;
  readonly region: string;
  readonly service: string;
  readonly securityToken: string | undefined;
}

/** What a form claims about its signature, checked for form but not yet verified. */
export interface PostFormClaim {
  readonly scope: CredentialScope;
  /** `x-amz-date`, epoch milliseconds. */
  readonly time: number;
}

function invalidField(field: string, value: string, message: string): SigV4Error {
  return new SigV4Error('InvalidArgument', message, { details: { ArgumentName: field, ArgumentValue: value } });
}

/**
 * Reads a form's signature claim: AWS4-HMAC-SHA256 (anything else gets S3's
 * "Please use AWS4-HMAC-SHA256"), an ISO 8601 basic `x-amz-date`, and a
 * credential scoped to that date and to this endpoint's region and service.
 * The policy's expiration decides how long a form serves, within the life
 * of a signing key as a presigned URL has it: a form dated more than
 * {@link MAX_PRESIGNED_EXPIRES_SECONDS} ago has expired, one dated beyond
 * the clock skew ahead is not yet valid (AccessDenied, as for such URLs).
 */
export function readPostFormClaim(form: PostFormSignature, expected: ClaimExpectations): PostFormClaim {
  if (form.algorithm !== ALGORITHM) throw useSigV4();
  const time = parseAmzDate(form.amzDate);
  if (time === undefined) {
    throw invalidField('x-amz-date', form.amzDate, `x-amz-date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  }
  if (time - expected.now > expected.maxClockSkewMs) throw new SigV4Error('AccessDenied', 'Request is not yet valid');
  if (expected.now - time > MAX_PRESIGNED_EXPIRES_SECONDS * 1000) throw new SigV4Error('AccessDenied', 'Request has expired');
  const scope = parseCredentialScope(form.credential, { ...expected, date: form.amzDate.slice(0, 8) }, (message, details) =>
    new SigV4Error('InvalidArgument', `Error parsing the x-amz-credential field; ${message}`, {
      details: { ArgumentName: 'x-amz-credential', ArgumentValue: form.credential, ...details },
    }),
  );
  return { scope, time };
}
