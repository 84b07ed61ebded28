import type { AclPermission, AclTarget } from './grant';

/**
 * Bucket WRITE grants no s3:DeleteObjectVersion: S3 maps it to that action
 * only "when the grantee is the bucket owner" (User Guide, "Mapping of ACL
 * permissions and access policy permissions"), whose root may delete
 * versions anyway, and whose users ACLs never reach. Another grantee can
 * write and delete objects (leaving delete markers), never versions.
 */
const BUCKET_ACTIONS: Readonly<Record<Exclude<AclPermission, 'FULL_CONTROL'>, readonly string[]>> = {
  READ: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'],
  WRITE: ['s3:PutObject', 's3:DeleteObject'],
  READ_ACP: ['s3:GetBucketAcl'],
  WRITE_ACP: ['s3:PutBucketAcl'],
};

const OBJECT_ACTIONS: Readonly<Record<Exclude<AclPermission, 'FULL_CONTROL'>, readonly string[]>> = {
  READ: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:GetObjectVersionAttributes'],
  WRITE: [],
  READ_ACP: ['s3:GetObjectAcl', 's3:GetObjectVersionAcl'],
  WRITE_ACP: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
};

/**
 * The S3 actions a permission grants on a bucket or an object (S3's mapping
 * of ACL permissions to policy actions). WRITE on an object grants nothing;
 * FULL_CONTROL grants the union of the others.
 */
export function aclActions(permission: AclPermission, target: AclTarget): readonly string[] {
  const table = target === 'bucket' ? BUCKET_ACTIONS : OBJECT_ACTIONS;
  if (permission === 'FULL_CONTROL') return [...table.READ, ...table.WRITE, ...table.READ_ACP, ...table.WRITE_ACP];
  return table[permission];
}

/** True when the permission grants the action (compared case-insensitively) on the target. */
export function permissionGrants(permission: AclPermission, target: AclTarget, action: string): boolean {
  const lower = action.toLowerCase();
  return aclActions(permission, target).some((granted) => granted.toLowerCase() === lower);
}
