/**
 * S3's own MalformedPolicy messages for grammar errors it is known to answer
 * with, carried as {@link PolicyError.s3Message}. A grammar error not listed
 * keeps the library's message: what S3 says for it is not established.
 */

/** A document that is not JSON or does not begin with `{` (LocalStack's AWS-validated test_bucket_policy_exc). */
export const NOT_JSON_OBJECT = "Policies must be valid JSON and the first byte must be '{'";
/** A document without `Statement`, `{}` among them (LocalStack's AWS-validated test_bucket_policy_exc). */
export const MISSING_STATEMENT = 'Missing required field Statement';
/** A `Version` other than 2012-10-17 and 2008-10-17 (S3's bucket policy editor, codevise/pageflow#902). */
export const INVALID_VERSION = 'The policy must contain a valid version string';
/** A statement of a bucket policy with neither `Principal` nor `NotPrincipal` (S3's answer in hashicorp/terraform#28688). */
export const MISSING_PRINCIPAL = 'Missing required field Principal';
/** A statement with neither `Resource` nor `NotResource` (S3's answer in aws/aws-cdk#6708). */
export const STATEMENT_MISSING_ELEMENT = 'Statement is missing required element';
