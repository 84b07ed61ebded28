import { PolicyError } from '../policy-error';

/**
 * An `x-amz-grant-*` header S3 refuses, with what S3 names in its
 * InvalidArgument answer: the message, `ArgumentName` and `ArgumentValue`.
 * `path` is the header and `detail` says what is wrong, as for any
 * {@link PolicyError}.
 */
export class GrantHeaderError extends PolicyError {
  /** S3's `ArgumentName`: the header for a grantee it cannot read, `uri` for an unknown group. */
  readonly argumentName: string;
  /** S3's `ArgumentValue`: the grantee as written, or the group URI. */
  readonly argumentValue: string;

  constructor(header: string, detail: string, s3Message: string, argument: { readonly name: string; readonly value: string }) {
    super(header, detail, s3Message);
    this.name = 'GrantHeaderError';
    this.argumentName = argument.name;
    this.argumentValue = argument.value;
  }
}
