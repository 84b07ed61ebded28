import { storageV1 } from '@strongroom/contracts';
import { run } from '@strongroom/db';
import { invalidArgument } from '@strongroom/errors';
import { notifyChanged } from './change-feed';
import type { Db } from './db';

/** A bucket's default encryption, as stored (S3's one-rule ServerSideEncryptionConfiguration). */
export interface BucketEncryptionConfig {
  readonly algorithm: 'AES256' | 'aws:kms';
  /** aws:kms only: the KMS key as given; empty means `alias/aws/s3`. */
  readonly kmsMasterKeyId: string;
  /** aws:kms only: writes use bucket keys. */
  readonly bucketKeyEnabled: boolean;
  /** SSE-C writes are refused (`BlockedEncryptionTypes` SSE-C); absent in configurations stored before SSE-C. */
  readonly sseCBlocked?: boolean;
  /**
   * True once PutBucketEncryption set it: S3 then lets a copy of an object
   * onto itself that names no change through, applying the configuration as
   * if the request named it. Absent in a new bucket's (and after
   * DeleteBucketEncryption), and in configurations stored before this flag.
   */
  readonly setByOwner?: boolean;
}

/** What a bucket without a configuration has, as S3 does since 2023: SSE-S3. */
export const DEFAULT_BUCKET_ENCRYPTION: BucketEncryptionConfig = { algorithm: 'AES256', kmsMasterKeyId: '', bucketKeyEnabled: false };

/**
 * The configuration a new bucket starts with: under AWS's current defaults
 * (since April 2026) SSE-S3 with SSE-C blocked; under the legacy defaults
 * none (SSE-S3, SSE-C allowed). DeleteBucketEncryption returns a bucket to it.
 */
export function newBucketEncryption(legacyDefaults: boolean): BucketEncryptionConfig | null {
  return legacyDefaults ? null : { ...DEFAULT_BUCKET_ENCRYPTION, sseCBlocked: true };
}

/** The longest KMS key id (a key id, key ARN, alias name or alias ARN) KMS takes. */
const MAX_KMS_KEY_ID = 2048;

/** INVALID_ARGUMENT for a KMS key id no key can have: longer than 2048 characters, or with a control character. */
export function checkKmsKeyId(field: string, keyId: string): void {
  if (keyId.length > MAX_KMS_KEY_ID) throw invalidArgument(field, `must be at most ${MAX_KMS_KEY_ID} characters`);
  if (/[\u0000-\u001f\u007f]/.test(keyId)) throw invalidArgument(field, 'must not contain control characters');
}

/**
 * Validates PutBucketEncryption's configuration (marked as set by the
 * owner): AES256 or AWS_KMS, a KMS key only with AWS_KMS, and one a key can
 * have ({@link checkKmsKeyId}).
 * The key itself is not looked up (S3 does not either): a write that uses
 * it finds out.
 */
export function parseBucketEncryption(encryption: storageV1.BucketEncryption | undefined): BucketEncryptionConfig {
  if (encryption === undefined) throw invalidArgument('encryption', 'is required');
  const { algorithm, kmsMasterKeyId, bucketKeyEnabled, sseCBlocked } = encryption;
  if (algorithm === storageV1.SseAlgorithm.AWS_KMS) {
    checkKmsKeyId('encryption.kms_master_key_id', kmsMasterKeyId);
    return { algorithm: 'aws:kms', kmsMasterKeyId, bucketKeyEnabled, sseCBlocked, setByOwner: true };
  }
  if (algorithm !== storageV1.SseAlgorithm.AES256) throw invalidArgument('encryption.algorithm', 'must be AES256 or AWS_KMS');
  if (kmsMasterKeyId !== '') throw invalidArgument('encryption.kms_master_key_id', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
  return { algorithm: 'AES256', kmsMasterKeyId: '', bucketKeyEnabled, sseCBlocked, setByOwner: true };
}

/** A configuration as the API's message. */
export function toBucketEncryption(config: BucketEncryptionConfig): storageV1.BucketEncryption {
  return {
    algorithm: config.algorithm === 'aws:kms' ? storageV1.SseAlgorithm.AWS_KMS : storageV1.SseAlgorithm.AES256,
    kmsMasterKeyId: config.kmsMasterKeyId,
    bucketKeyEnabled: config.bucketKeyEnabled,
    sseCBlocked: config.sseCBlocked ?? false,
  };
}

/**
 * Replaces (or with null removes) the default encryption (and announces
 * it); false when the bucket is gone. With `keepSseCBlock` the stored
 * configuration's SSE-C block (none without one) replaces `config`'s, in
 * the same statement, so no concurrent change is lost.
 */
export async function updateBucketEncryption(db: Db, bucketId: string, config: BucketEncryptionConfig | null, keepSseCBlock = false): Promise<boolean> {
  const rows = await run(
    db,
    {
      name: 'storage.update-bucket-encryption',
      text: `WITH changed AS (
               UPDATE storage.buckets
                  SET encryption = CASE WHEN $3 THEN $2::jsonb || jsonb_build_object('sseCBlocked', coalesce((encryption->>'sseCBlocked')::boolean, false)) ELSE $2::jsonb END
                WHERE bucket_id = $1 RETURNING bucket_id, name)
             ${notifyChanged('bucket_id')}`,
    },
    [bucketId, config === null ? null : JSON.stringify(config), keepSseCBlock && config !== null],
  );
  return rows.length > 0;
}
