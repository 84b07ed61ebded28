import { policyV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { NO_PUBLIC_ACCESS_BLOCK, type AclPermission, type Grant, type PublicAccessBlock } from '@strongroom/iam-policy';
import type { AccessKeyRecord } from './access-key-store';
import type { AccountRecord } from './account-store';
import type { DecisionElement } from './authorizer';
import type { BucketRecord, ObjectOwnershipName } from './bucket-store';
import type { UserRecord } from './user-store';

const { AclPermission: Permission, GranteeType, ObjectOwnership, AccessKeyStatus, DecisionBasis } = policyV1;

const PERMISSIONS: ReadonlyMap<policyV1.AclPermission, AclPermission> = new Map([
  [Permission.READ, 'READ'],
  [Permission.WRITE, 'WRITE'],
  [Permission.READ_ACP, 'READ_ACP'],
  [Permission.WRITE_ACP, 'WRITE_ACP'],
  [Permission.FULL_CONTROL, 'FULL_CONTROL'],
]);
const PERMISSION_ENUM = new Map([...PERMISSIONS].map(([value, name]) => [name, value]));

const OWNERSHIPS: ReadonlyMap<policyV1.ObjectOwnership, ObjectOwnershipName> = new Map([
  [ObjectOwnership.BUCKET_OWNER_ENFORCED, 'BucketOwnerEnforced'],
  [ObjectOwnership.BUCKET_OWNER_PREFERRED, 'BucketOwnerPreferred'],
  [ObjectOwnership.OBJECT_WRITER, 'ObjectWriter'],
]);
const OWNERSHIP_ENUM = new Map([...OWNERSHIPS].map(([value, name]) => [name, value]));

/** An ACL permission as the API's enum. */
export function toPermission(permission: AclPermission): policyV1.AclPermission {
  return PERMISSION_ENUM.get(permission)!;
}

/** A library grant as the API's Grant. */
export function toGrant(grant: Grant): policyV1.Grant {
  const { grantee } = grant;
  const base = { id: '', emailAddress: '', uri: '', displayName: '' };
  const proto =
    grantee.type === 'CanonicalUser'
      ? { ...base, type: GranteeType.CANONICAL_USER, id: grantee.id, displayName: grantee.displayName ?? '' }
      : grantee.type === 'Group'
        ? { ...base, type: GranteeType.GROUP, uri: grantee.uri }
        : { ...base, type: GranteeType.EMAIL, emailAddress: grantee.emailAddress };
  return { grantee: proto, permission: toPermission(grant.permission) };
}

/** An API Grant as a library grant; INVALID_ARGUMENT names the field when incomplete. */
export function fromGrant(grant: policyV1.Grant, field: string): Grant {
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

/** Block Public Access settings as the API's message. */
export function toPublicAccessBlock(settings: PublicAccessBlock): policyV1.PublicAccessBlock {
  return { ...settings };
}

/** The API's Block Public Access message as settings (all off when absent). */
export function fromPublicAccessBlock(settings: policyV1.PublicAccessBlock | undefined): PublicAccessBlock {
  if (settings === undefined) return NO_PUBLIC_ACCESS_BLOCK;
  return {
    blockPublicAcls: settings.blockPublicAcls,
    ignorePublicAcls: settings.ignorePublicAcls,
    blockPublicPolicy: settings.blockPublicPolicy,
    restrictPublicBuckets: settings.restrictPublicBuckets,
  };
}

/** Object Ownership as the API's enum. */
export function toObjectOwnership(ownership: ObjectOwnershipName | null): policyV1.ObjectOwnership {
  return ownership === null ? ObjectOwnership.UNSPECIFIED : OWNERSHIP_ENUM.get(ownership)!;
}

/** The API's Object Ownership enum as S3's name. */
export function fromObjectOwnership(ownership: policyV1.ObjectOwnership): ObjectOwnershipName {
  const name = OWNERSHIPS.get(ownership);
  if (name === undefined) throw invalidArgument('object_ownership', 'must be BUCKET_OWNER_ENFORCED, BUCKET_OWNER_PREFERRED or OBJECT_WRITER');
  return name;
}

/** An account record as the API's Account. */
export function toAccount(account: AccountRecord): policyV1.Account {
  return {
    accountId: account.accountId,
    canonicalUserId: account.canonicalUserId,
    displayName: account.displayName,
    email: account.email ?? '',
    rootArn: `arn:aws:iam::${account.accountId}:root`,
    createTime: account.createdAt,
  };
}

/** A user record as the API's User. */
export function toUser(user: UserRecord): policyV1.User {
  return { accountId: user.accountId, userName: user.userName, arn: userArn(user.accountId, user.userName), userId: user.userId, createTime: user.createdAt };
}

/** The ARN of a user. */
export function userArn(accountId: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}`;
}

/** An access key record as the API's AccessKey (never with its secret). */
export function toAccessKey(key: AccessKeyRecord): policyV1.AccessKey {
  return {
    accessKeyId: key.accessKeyId,
    accountId: key.accountId,
    userName: key.userName ?? '',
    status: key.status === 'Active' ? AccessKeyStatus.ACTIVE : AccessKeyStatus.INACTIVE,
    createTime: key.createdAt,
  };
}

/** A bucket record as the API's Bucket. */
export function toBucket(bucket: BucketRecord): policyV1.Bucket {
  return { bucketId: bucket.bucketId, name: bucket.name, ownerAccountId: bucket.ownerAccountId, region: bucket.region, createTime: bucket.createdAt };
}

const DESCRIPTIONS: Readonly<Record<DecisionElement['basis'], string>> = {
  'bucket-policy': 'bucket policy statement',
  'identity-policy': 'identity policy statement',
  'bucket-acl': 'bucket ACL grant',
  'object-acl': 'object ACL grant',
  'account-root': 'the caller is the root of its account',
  'bucket-owner': "the bucket owner's root may always read, replace and delete its bucket's policy",
  'block-public-access': 'Block Public Access removed an allow',
  'owner-acp': 'the owner of a bucket or object may always read and write its ACL',
};

/** A decision element as the API's DecisionReason. */
export function toDecisionReason(element: DecisionElement): policyV1.DecisionReason {
  const reason = { statementIndex: 0, sid: '', policyName: '', setting: '', description: DESCRIPTIONS[element.basis] };
  switch (element.basis) {
    case 'bucket-policy':
      return { ...reason, basis: DecisionBasis.BUCKET_POLICY, statementIndex: element.statement.index, sid: element.statement.sid ?? '' };
    case 'identity-policy':
      return {
        ...reason,
        basis: DecisionBasis.IDENTITY_POLICY,
        policyName: element.policyName,
        statementIndex: element.statement.index,
        sid: element.statement.sid ?? '',
      };
    case 'bucket-acl':
      return { ...reason, basis: DecisionBasis.BUCKET_ACL, grant: toGrant(element.grant) };
    case 'object-acl':
      return { ...reason, basis: DecisionBasis.OBJECT_ACL, grant: toGrant(element.grant) };
    case 'account-root':
      return { ...reason, basis: DecisionBasis.ACCOUNT_ROOT };
    case 'bucket-owner':
      return { ...reason, basis: DecisionBasis.BUCKET_OWNER };
    case 'owner-acp':
      return { ...reason, basis: DecisionBasis.OWNER_ACP };
    case 'block-public-access':
      return { ...reason, basis: DecisionBasis.BLOCK_PUBLIC_ACCESS, setting: element.setting, description: `${element.setting} removed an allow` };
  }
}
