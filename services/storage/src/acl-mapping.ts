import { policyV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import type { AccessControlPolicy, AclPermission, Grant } from '@strongroom/iam-policy';

const { AclPermission: Permission, GranteeType } = policyV1;

const PERMISSIONS: ReadonlyMap<policyV1.AclPermission, AclPermission> = new Map([
  [Permission.READ, 'READ'],
  [Permission.WRITE, 'WRITE'],
  [Permission.READ_ACP, 'READ_ACP'],
  [Permission.WRITE_ACP, 'WRITE_ACP'],
  [Permission.FULL_CONTROL, 'FULL_CONTROL'],
]);
const PERMISSION_ENUM = new Map([...PERMISSIONS].map(([value, name]) => [name, value]));

/** A stored grant as the API's Grant. */
export function toProtoGrant(grant: Grant): policyV1.Grant {
  const { grantee } = grant;
  const base = { id: '', emailAddress: '', uri: '', displayName: '' };
  const proto =
    grantee.type === 'CanonicalUser'
      ? { ...base, type: GranteeType.CANONICAL_USER, id: grantee.id, displayName: grantee.displayName ?? '' }
      : grantee.type === 'Group'
        ? { ...base, type: GranteeType.GROUP, uri: grantee.uri }
        : { ...base, type: GranteeType.EMAIL, emailAddress: grantee.emailAddress };
  return { grantee: proto, permission: PERMISSION_ENUM.get(grant.permission) ?? Permission.UNSPECIFIED };
}

/** A stored ACL as the API's AccessControlPolicy. */
export function toProtoAccessControlPolicy(acl: AccessControlPolicy): policyV1.AccessControlPolicy {
  return { ownerId: acl.owner.id, ownerDisplayName: acl.owner.displayName ?? '', grants: acl.grants.map(toProtoGrant) };
}

/** An API Grant as a grant; INVALID_ARGUMENT names the field when incomplete. */
export function fromProtoGrant(grant: policyV1.Grant, field: string): Grant {
  const permission = PERMISSIONS.get(grant.permission);
  if (permission === undefined) throw invalidArgument(`${field}.permission`, 'must be READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL');
  const grantee = grant.grantee;
  switch (grantee?.type) {
    case GranteeType.CANONICAL_USER:
      if (grantee.id === '') throw invalidArgument(`${field}.grantee.id`, 'is required for a canonical user');
      return { grantee: { type: 'CanonicalUser', id: grantee.id }, permission };
    case GranteeType.EMAIL:
      if (grantee.emailAddress === '') throw invalidArgument(`${field}.grantee.email_address`, 'is required for an email grantee');
      return { grantee: { type: 'AmazonCustomerByEmail', emailAddress: grantee.emailAddress }, permission };
    case GranteeType.GROUP:
      if (grantee.uri === '') throw invalidArgument(`${field}.grantee.uri`, 'is required for a group');
      return { grantee: { type: 'Group', uri: grantee.uri }, permission };
    default:
      throw invalidArgument(`${field}.grantee.type`, 'must be CANONICAL_USER, EMAIL or GROUP');
  }
}
