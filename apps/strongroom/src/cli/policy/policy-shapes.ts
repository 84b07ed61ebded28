/**
 * Policy service messages in the shapes and field names of the AWS APIs they
 * model (IAM for accounts, users and keys; S3 for ACL grants and Block Public
 * Access). Empty strings are left out, as AWS leaves out absent members.
 */
import { policyV1 } from '@strongroom/contracts';
import { isoDate } from '../shapes';

const { AccessKeyStatus, GranteeType, AclPermission, ObjectOwnership, AccessLevel } = policyV1;

/** Access key statuses by their AWS names, as `--status` takes them. */
export const ACCESS_KEY_STATUS_BY_NAME: ReadonlyMap<string, policyV1.AccessKeyStatus> = new Map([
  ['Active', AccessKeyStatus.ACTIVE],
  ['Inactive', AccessKeyStatus.INACTIVE],
]);

const ACCESS_KEY_STATUS_NAMES = new Map([...ACCESS_KEY_STATUS_BY_NAME].map(([name, status]) => [status, name]));

const GRANTEE_TYPE_NAMES: Readonly<Record<policyV1.GranteeType, string>> = {
  [GranteeType.UNSPECIFIED]: 'Unknown',
  [GranteeType.CANONICAL_USER]: 'CanonicalUser',
  [GranteeType.EMAIL]: 'AmazonCustomerByEmail',
  [GranteeType.GROUP]: 'Group',
  [GranteeType.UNRECOGNIZED]: 'Unknown',
};

const PERMISSION_NAMES: Readonly<Record<policyV1.AclPermission, string>> = {
  [AclPermission.UNSPECIFIED]: 'Unknown',
  [AclPermission.READ]: 'READ',
  [AclPermission.WRITE]: 'WRITE',
  [AclPermission.READ_ACP]: 'READ_ACP',
  [AclPermission.WRITE_ACP]: 'WRITE_ACP',
  [AclPermission.FULL_CONTROL]: 'FULL_CONTROL',
  [AclPermission.UNRECOGNIZED]: 'Unknown',
};

const OBJECT_OWNERSHIP_NAMES: Readonly<Record<policyV1.ObjectOwnership, string>> = {
  [ObjectOwnership.UNSPECIFIED]: 'Unknown',
  [ObjectOwnership.BUCKET_OWNER_ENFORCED]: 'BucketOwnerEnforced',
  [ObjectOwnership.BUCKET_OWNER_PREFERRED]: 'BucketOwnerPreferred',
  [ObjectOwnership.OBJECT_WRITER]: 'ObjectWriter',
  [ObjectOwnership.UNRECOGNIZED]: 'Unknown',
};

/** The S3 console's wording of each access level. */
const ACCESS_LEVEL_NAMES: Readonly<Record<policyV1.AccessLevel, string>> = {
  [AccessLevel.UNSPECIFIED]: 'Unknown',
  [AccessLevel.PUBLIC]: 'Public',
  [AccessLevel.OBJECTS_CAN_BE_PUBLIC]: 'Objects can be public',
  [AccessLevel.NOT_PUBLIC]: 'Bucket and objects not public',
  [AccessLevel.ONLY_AUTHORIZED_USERS_OF_THIS_ACCOUNT]: 'Only authorized users of this account',
  [AccessLevel.UNRECOGNIZED]: 'Unknown',
};

/** A string, or undefined (omitted from the output) when empty. */
export function present(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** An account. Strongroom's own shape: AWS has no API that returns one. */
export function accountShape(account: policyV1.Account | undefined): Record<string, unknown> | undefined {
  if (account === undefined) return undefined;
  return {
    AccountId: account.accountId,
    CanonicalUserId: account.canonicalUserId,
    DisplayName: account.displayName,
    Email: present(account.email),
    Arn: account.rootArn,
    CreateDate: isoDate(account.createTime),
  };
}

/** A user as IAM's `User`; every Strongroom user has the path `/`. */
export function userShape(user: policyV1.User | undefined): Record<string, unknown> | undefined {
  if (user === undefined) return undefined;
  return { Path: '/', UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: isoDate(user.createTime) };
}

/** The AWS name of an access key status: `Active` or `Inactive`. */
export function accessKeyStatusName(status: policyV1.AccessKeyStatus): string {
  return ACCESS_KEY_STATUS_NAMES.get(status) ?? 'Unknown';
}

/** An access key as IAM's `AccessKeyMetadata` (no UserName for an account root's key). */
export function accessKeyShape(key: policyV1.AccessKey | undefined): Record<string, unknown> | undefined {
  if (key === undefined) return undefined;
  return { UserName: present(key.userName), AccessKeyId: key.accessKeyId, Status: accessKeyStatusName(key.status), CreateDate: isoDate(key.createTime) };
}

/** Block Public Access settings as S3's `PublicAccessBlockConfiguration`. */
export function publicAccessBlockShape(settings: policyV1.PublicAccessBlock | undefined): Record<string, unknown> | undefined {
  if (settings === undefined) return undefined;
  return {
    BlockPublicAcls: settings.blockPublicAcls,
    IgnorePublicAcls: settings.ignorePublicAcls,
    BlockPublicPolicy: settings.blockPublicPolicy,
    RestrictPublicBuckets: settings.restrictPublicBuckets,
  };
}

/** The S3 name of an ACL permission, e.g. `FULL_CONTROL`. */
export function permissionName(permission: policyV1.AclPermission): string {
  return PERMISSION_NAMES[permission];
}

/** An ACL grant as S3's `Grant`. */
export function grantShape(grant: policyV1.Grant | undefined): Record<string, unknown> | undefined {
  if (grant === undefined) return undefined;
  const grantee = grant.grantee;
  return {
    Grantee:
      grantee === undefined
        ? undefined
        : {
            Type: GRANTEE_TYPE_NAMES[grantee.type],
            ID: present(grantee.id),
            EmailAddress: present(grantee.emailAddress),
            URI: present(grantee.uri),
            DisplayName: present(grantee.displayName),
          },
    Permission: permissionName(grant.permission),
  };
}

/** The S3 name of an Object Ownership setting, e.g. `BucketOwnerEnforced`. */
export function objectOwnershipName(ownership: policyV1.ObjectOwnership): string {
  return OBJECT_OWNERSHIP_NAMES[ownership];
}

/** The S3 console's name of an access level, e.g. `Objects can be public`. */
export function accessLevelName(level: policyV1.AccessLevel): string {
  return ACCESS_LEVEL_NAMES[level];
}

/** A statement that makes a bucket policy public, and what neutralises it. */
export function publicStatementShape(statement: policyV1.PublicStatement): Record<string, unknown> {
  return { StatementIndex: statement.statementIndex, Sid: present(statement.sid), Why: statement.why, NeutralisedBy: present(statement.neutralisedBy) };
}
