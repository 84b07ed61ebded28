import { policyV1, type storageV1 } from '@strongroom/contracts';
import { encryptionConditions } from './encryption-choice';

/** The condition key of each ACL permission: `s3:` and the `x-amz-grant-*` header that grants it. */
const GRANT_KEYS: ReadonlyMap<policyV1.AclPermission, string> = new Map([
  [policyV1.AclPermission.READ, 's3:x-amz-grant-read'],
  [policyV1.AclPermission.WRITE, 's3:x-amz-grant-write'],
  [policyV1.AclPermission.READ_ACP, 's3:x-amz-grant-read-acp'],
  [policyV1.AclPermission.WRITE_ACP, 's3:x-amz-grant-write-acp'],
  [policyV1.AclPermission.FULL_CONTROL, 's3:x-amz-grant-full-control'],
]);

/** Every key {@link aclConditions} answers for. */
const ACL_KEYS = ['s3:x-amz-acl', ...GRANT_KEYS.values()];

/** Every key {@link writeConditions} answers for. */
const WRITE_KEYS = [
  's3:x-amz-server-side-encryption',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:x-amz-server-side-encryption-customer-algorithm',
  's3:x-amz-storage-class',
  's3:x-amz-website-redirect-location',
  ...ACL_KEYS,
];

/** A grantee as an `x-amz-grant-*` header names it (`id=`, `emailAddress=`, `uri=`). */
function granteeText(grantee: policyV1.Grantee | undefined): string {
  if (grantee?.type === policyV1.GranteeType.EMAIL) return `emailAddress=${grantee.emailAddress}`;
  if (grantee?.type === policyV1.GranteeType.GROUP) return `uri=${grantee.uri}`;
  return `id=${grantee?.id ?? ''}`;
}

/**
 * The condition keys that say what a write stores (PutObject, CopyObject,
 * CreateMultipartUpload, and their s3:PutObjectAcl check): the encryption
 * asked for, the storage class, the website redirect location, the canned
 * ACL or the grants (each permission's grantees as its `x-amz-grant-*`
 * header lists them), read off the request itself. Every key the write
 * does not set is absent (no values), whatever the caller's context
 * claimed: a gRPC caller cannot meet a bucket policy's
 * `s3:x-amz-server-side-encryption` or `s3:x-amz-acl` condition with a
 * request that stores something else.
 */
export function writeConditions(options: storageV1.WriteOptions | undefined): Record<string, string | readonly string[]> {
  const conditions: Record<string, string | readonly string[]> = Object.fromEntries(WRITE_KEYS.map((key) => [key, []]));
  Object.assign(conditions, encryptionConditions(options), aclConditions(options?.acl));
  if (options !== undefined && options.storageClass !== '') conditions['s3:x-amz-storage-class'] = options.storageClass;
  const redirect = options?.headers?.websiteRedirectLocation ?? '';
  if (redirect !== '') conditions['s3:x-amz-website-redirect-location'] = redirect;
  return conditions;
}

/**
 * `s3:ObjectCreationOperation`: true for the requests that create an object
 * (PutObject, CopyObject, CompleteMultipartUpload), false for the steps of
 * a multipart upload before it (CreateMultipartUpload, UploadPart,
 * UploadPartCopy), which take no conditional headers: S3's policies that
 * require conditional writes exempt those steps with it.
 */
export function objectCreationCondition(creates: boolean): Record<string, string> {
  return { 's3:ObjectCreationOperation': String(creates) };
}

/**
 * `s3:x-amz-server-side-encryption-customer-algorithm` of a step of an
 * SSE-C multipart upload (UploadPart, UploadPartCopy,
 * CompleteMultipartUpload), which carries the upload's customer key: S3's
 * documented policy requiring SSE-C tests it on every step. Absent for a
 * step that brings no key.
 */
export function customerKeyCondition(customerKey: storageV1.CustomerKey | undefined): Record<string, string> {
  return customerKey === undefined ? {} : { 's3:x-amz-server-side-encryption-customer-algorithm': customerKey.algorithm };
}

/**
 * The condition keys of an ACL a request sets (a write's, PutObjectAcl's,
 * CreateBucket's): `s3:x-amz-acl` for a canned ACL, `s3:x-amz-grant-*` for
 * grants, each absent when the request does not set it (see
 * {@link writeConditions}).
 */
export function aclConditions(objectAcl: storageV1.ObjectAcl | undefined): Record<string, string | readonly string[]> {
  const conditions: Record<string, string | readonly string[]> = Object.fromEntries(ACL_KEYS.map((key) => [key, []]));
  const acl = objectAcl?.acl;
  if (acl?.$case === 'cannedAcl') conditions['s3:x-amz-acl'] = acl.value;
  if (acl?.$case === 'accessControlPolicy') {
    for (const [permission, key] of GRANT_KEYS) {
      const grantees = acl.value.grants.filter((grant) => grant.permission === permission).map((grant) => granteeText(grant.grantee));
      if (grantees.length > 0) conditions[key] = grantees.join(', ');
    }
  }
  return conditions;
}
