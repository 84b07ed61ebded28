/**
 * A policy, ACL or header that cannot be accepted. `path` names the offending
 * element the way a person reads the document (`Statement[2].Condition.IpAddress.aws:SourceIp`),
 * `detail` says what is wrong with it, and `message` joins the two. The
 * service maps it to S3's `MalformedPolicy` (or `MalformedACLError` /
 * `InvalidArgument` for ACLs and grant headers).
 */
export class PolicyError extends Error {
  /** Where the problem is; empty for the document as a whole. */
  readonly path: string;
  /** What is wrong, without the path. */
  readonly detail: string;
  /**
   * S3's MalformedPolicy message for this problem, where S3's wording is
   * known; PutBucketPolicy answers with it instead of `message`.
   */
  readonly s3Message: string | undefined;

  constructor(path: string, detail: string, s3Message?: string) {
    super(path === '' ? detail : `${path}: ${detail}`);
    this.name = 'PolicyError';
    this.path = path;
    this.detail = detail;
    this.s3Message = s3Message;
  }
}
