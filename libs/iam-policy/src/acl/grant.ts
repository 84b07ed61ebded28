/** The S3 group that means everyone, including anonymous callers. */
export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
/** The S3 group that means any authenticated AWS principal of any account (still public). */
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
/** The S3 group of the server access log delivery service. */
export const LOG_DELIVERY_URI = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

/** S3's limit on grants per ACL. */
export const MAX_ACL_GRANTS = 100;

const GROUP_URIS: ReadonlySet<string> = new Set([ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI]);

/** True for the URI of one of S3's predefined groups, the only groups a grant may name. */
export function isAclGroupUri(uri: string): boolean {
  return GROUP_URIS.has(uri);
}

/** The permissions an ACL grant can carry. */
export type AclPermission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

/** Every {@link AclPermission}, in S3's documentation order. */
export const ACL_PERMISSIONS: readonly AclPermission[] = ['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL'];

/** Who a grant is for (`xsi:type` of the S3 `Grantee` element). */
export type Grantee =
  | { readonly type: 'CanonicalUser'; readonly id: string; readonly displayName?: string }
  | { readonly type: 'AmazonCustomerByEmail'; readonly emailAddress: string }
  | { readonly type: 'Group'; readonly uri: string };

/** One ACL entry. */
export interface Grant {
  readonly grantee: Grantee;
  readonly permission: AclPermission;
}

/** The owner of a bucket or object. */
export interface AclOwner {
  readonly id: string;
  readonly displayName?: string;
}

/** A complete ACL (`AccessControlPolicy`). */
export interface AccessControlPolicy {
  readonly owner: AclOwner;
  readonly grants: readonly Grant[];
}

/** What an ACL is attached to; the same permission grants different actions on each. */
export type AclTarget = 'bucket' | 'object';

/** True for a grant to AllUsers or AuthenticatedUsers. */
export function isPublicGrant(grant: Grant): boolean {
  return grant.grantee.type === 'Group' && (grant.grantee.uri === ALL_USERS_URI || grant.grantee.uri === AUTHENTICATED_USERS_URI);
}

/** True when an ACL grants anything to AllUsers or AuthenticatedUsers (S3's definition of a public ACL). */
export function isAclPublic(grants: readonly Grant[]): boolean {
  return grants.some(isPublicGrant);
}
