import type { policyV1 } from '@strongroom/contracts';
import type { SignedPostForm } from '@strongroom/sigv4';
import type { Authenticator } from '../auth/authenticator';
import type { Caller, S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { parsePostPolicy, type LengthRange } from './post-policy';
import { checkPostPolicy, type PostFormValues } from './post-policy-check';
import { postFormSignature } from './post-signature';

/** Who posts a form, and what its policy still checks once the file is read. */
export interface FormPoster {
  readonly caller: Caller;
  /** The form's verified signature; undefined for a form without a policy, which posts as the request itself. */
  readonly signed: SignedPostForm<policyV1.SigningPrincipal> | undefined;
  /** The policy's `content-length-range`, if any. */
  readonly contentLength: LengthRange | undefined;
}

/**
 * Authenticates a POST form. A signed form is verified with the signing
 * keys every SigV4 request uses, then checked against its policy
 * (expiration, conditions, fields covered) before a byte of the file is
 * read. A form without a policy posts as the request itself: anonymous,
 * for a browser, and allowed only where a bucket policy or ACL lets
 * anyone write. A request signed in its headers or query string that also
 * carries a signed form is refused: one authentication per request.
 */
export async function formPoster(request: S3Request, form: PostFormValues, authenticator: Authenticator, now: number): Promise<FormPoster> {
  const signature = postFormSignature(form.fields);
  if (signature === undefined) {
    if (form.fields.get('x-amz-security-token') !== undefined) throw new S3Error('InvalidToken');
    return { caller: request.caller, signed: undefined, contentLength: undefined };
  }
  if (request.caller.kind !== 'anonymous') {
    throw new S3Error('InvalidArgument', 'Only one auth mechanism allowed; a signed POST form must not also be signed in the Authorization header or query string', {
      ArgumentName: 'Authorization',
    });
  }
  const { caller, signed } = await authenticator.authenticatePostForm(signature);
  const policy = parsePostPolicy(signature.policy);
  checkPostPolicy(policy, form, now);
  return { caller, signed, contentLength: policy.contentLength };
}
