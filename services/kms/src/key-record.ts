/** The lifecycle state of a key, as stored. */
export type KeyStateName = 'ENABLED' | 'DISABLED' | 'PENDING_DELETION';

/** Who manages a key: the account, Strongroom on the account's behalf (`alias/aws/s3`), or Strongroom for itself (SSE-S3). */
export type KeyManagerName = 'CUSTOMER' | 'AWS' | 'SERVICE';

/** A tag on a key. */
export interface KeyTag {
  readonly key: string;
  readonly value: string;
}

/** A key as stored in `kms.keys`, without its material. */
export interface KeyRecord {
  readonly keyId: string;
  readonly accountId: string;
  readonly keyManager: KeyManagerName;
  readonly description: string;
  readonly state: KeyStateName;
  readonly currentVersion: number;
  readonly rotationEnabled: boolean;
  readonly rotationPeriodDays: number;
  readonly nextRotationAt: Date | null;
  readonly deletionAt: Date | null;
  readonly tags: readonly KeyTag[];
  readonly createdAt: Date;
}

/** The account that owns service keys (the SSE-S3 key); no user principal belongs to it. */
export const SERVICE_ACCOUNT_ID = '000000000000';

/** The alias of the per-account key Strongroom creates for SSE-KMS without a key id. */
export const AWS_S3_ALIAS = 'alias/aws/s3';

/**
 * Aliases under this prefix name service-owned keys (in the service account),
 * created on first use and usable only by credentials with service keys.
 */
export const SERVICE_ALIAS_PREFIX = 'alias/strongroom/';

/** The alias of the service-owned key that serves SSE-S3. */
export const SSE_S3_ALIAS = `${SERVICE_ALIAS_PREFIX}sse-s3`;

/** The alias of the service-owned key that seals access-key secrets (policy service). */
export const ACCESS_KEY_SECRETS_ALIAS = `${SERVICE_ALIAS_PREFIX}access-key-secrets`;

/** The service aliases whose keys are created on first use; any other `alias/strongroom/...` name is not found. */
export const SERVICE_ALIASES: ReadonlySet<string> = new Set([SSE_S3_ALIAS, ACCESS_KEY_SECRETS_ALIAS]);

/** The ARN of a key. */
export function keyArn(region: string, key: Pick<KeyRecord, 'accountId' | 'keyId'>): string {
  return `arn:aws:kms:${region}:${key.accountId}:key/${key.keyId}`;
}

/** The ARN of an alias. */
export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}
