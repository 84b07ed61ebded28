import { useSigV4, type PostFormSignature } from '@strongroom/sigv4';
import { missingField } from './post-form-fields';

/** Fields whose presence says the form is signed. */
const SIGNED_MARKERS = ['policy', 'x-amz-signature', 'x-amz-credential', 'x-amz-algorithm'];

/**
 * The SigV4 signature of a POST form, or undefined for a form without a
 * policy, which S3 takes as anonymous (it succeeds only where anonymous
 * writes are allowed). A signed form needs `policy`, `x-amz-algorithm`,
 * `x-amz-credential`, `x-amz-date` and `x-amz-signature` (InvalidArgument
 * naming the first missing one); a Signature Version 2 form
 * (`AWSAccessKeyId`, `signature`) is refused as S3 refuses SigV2.
 */
export function postFormSignature(fields: ReadonlyMap<string, string>): PostFormSignature | undefined {
  if (fields.has('awsaccesskeyid') || fields.has('signature')) throw useSigV4();
  if (!SIGNED_MARKERS.some((name) => fields.has(name))) return undefined;
  const required = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined || value === '') throw missingField(name);
    return value;
  };
  return {
    policy: required('policy'),
    algorithm: required('x-amz-algorithm'),
    credential: required('x-amz-credential'),
    amzDate: required('x-amz-date'),
    signature: required('x-amz-signature'),
    securityToken: fields.get('x-amz-security-token'),
  };
}
