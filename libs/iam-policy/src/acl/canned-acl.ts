import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI, type AclOwner, type AclPermission, type Grant, type Grantee } from './grant';

/** The canned ACLs of `x-amz-acl`. */
export type CannedAcl =
  | 'private'
  | 'public-read'
  | 'public-read-write'
  | 'authenticated-read'
  | 'aws-exec-read'
  | 'bucket-owner-read'
  | 'bucket-owner-full-control'
  | 'log-delivery-write';

/** Every {@link CannedAcl}. */
export const CANNED_ACLS: readonly CannedAcl[] = [
  'private',
  'public-read',
  'public-read-write',
  'authenticated-read',
  'aws-exec-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
  'log-delivery-write',
];

/** Reads an `x-amz-acl` value; `undefined` when it is not a canned ACL. */
export function parseCannedAcl(value: string): CannedAcl | undefined {
  return CANNED_ACLS.find((acl) => acl === value);
}

/** Whose grants a canned ACL expands to. */
export interface CannedAclParties {
  /** The owner of the bucket or object the ACL is set on; always gets FULL_CONTROL. */
  readonly owner: AclOwner;
  /** For object ACLs: the bucket owner, used by `bucket-owner-read` and `bucket-owner-full-control`. */
  readonly bucketOwner?: AclOwner;
  /**
   * The canonical id that `aws-exec-read` gives READ to (on AWS, the EC2
   * service reading AMI bundles). Without it `aws-exec-read` grants the
   * owner only.
   */
  readonly execReaderId?: string;
}

const group = (uri: string, permission: AclPermission): Grant => ({ grantee: { type: 'Group', uri }, permission });

function user(owner: AclOwner): Grantee {
  return owner.displayName === undefined ? { type: 'CanonicalUser', id: owner.id } : { type: 'CanonicalUser', id: owner.id, displayName: owner.displayName };
}

function bucketOwnerGrant(parties: CannedAclParties, permission: AclPermission): Grant[] {
  const bucketOwner = parties.bucketOwner;
  if (bucketOwner === undefined || bucketOwner.id === parties.owner.id) return [];
  return [{ grantee: user(bucketOwner), permission }];
}

/**
 * Expands a canned ACL into its grants, owner's FULL_CONTROL first, as S3
 * returns them from GetBucketAcl/GetObjectAcl. `bucket-owner-*` only add a
 * grant on objects whose owner is not the bucket owner.
 */
export function expandCannedAcl(acl: CannedAcl, parties: CannedAclParties): Grant[] {
  const grants: Grant[] = [{ grantee: user(parties.owner), permission: 'FULL_CONTROL' }];
  switch (acl) {
    case 'private':
      return grants;
    case 'public-read':
      return [...grants, group(ALL_USERS_URI, 'READ')];
    case 'public-read-write':
      return [...grants, group(ALL_USERS_URI, 'READ'), group(ALL_USERS_URI, 'WRITE')];
    case 'authenticated-read':
      return [...grants, group(AUTHENTICATED_USERS_URI, 'READ')];
    case 'aws-exec-read':
      return parties.execReaderId === undefined ? grants : [...grants, { grantee: { type: 'CanonicalUser', id: parties.execReaderId }, permission: 'READ' }];
    case 'bucket-owner-read':
      return [...grants, ...bucketOwnerGrant(parties, 'READ')];
    case 'bucket-owner-full-control':
      return [...grants, ...bucketOwnerGrant(parties, 'FULL_CONTROL')];
    case 'log-delivery-write':
      return [...grants, group(LOG_DELIVERY_URI, 'WRITE'), group(LOG_DELIVERY_URI, 'READ_ACP')];
  }
}
