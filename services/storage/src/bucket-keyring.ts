import { kmsV1 } from '@strongroom/contracts';
import type { Pool } from '@strongroom/db';
import type { Client } from 'nice-grpc';
import { randomUUID } from 'node:crypto';
import { findBucketKey, insertBucketKey } from './bucket-key-store';
import type { BucketRecord } from './bucket-store';
import { ExpiringCache, type SecretValues } from '@strongroom/cache';

/**
 * The KMS alias of the service-owned key under which SSE-S3 bucket keys are
 * made. The KMS exports the same string as `SSE_S3_ALIAS`; it is copied here
 * because a service never imports another service, only its contract.
 */
export const SSE_S3_ALIAS = 'alias/strongroom/sse-s3';

/** A KMS client, as the storage service uses it. */
export type KmsClient = Client<typeof kmsV1.KeyManagementServiceDefinition>;

/**
 * A bucket key ready to wrap data keys. Never logged, never returned. The
 * keyring hands each caller a copy of its own, which the caller owns: it
 * uses it through {@link useAndWipe}, so that it is wiped right after, even
 * on a throw. The keyring wipes its cached keys itself; no caller holds them.
 */
export interface BucketKey {
  readonly bucketKeyId: string;
  readonly kmsKeyArn: string;
  readonly kmsKeyVersion: number;
  /** The 32-byte key. */
  readonly key: Uint8Array;
}

function wipeBucketKey(bucketKey: BucketKey): void {
  bucketKey.key.fill(0);
}

/** Runs `use` on a bucket key the caller owns, then wipes the key (also when `use` throws). */
export function useAndWipe<T>(bucketKey: BucketKey, use: (bucketKey: BucketKey) => T): T {
  try {
    return use(bucketKey);
  } finally {
    wipeBucketKey(bucketKey);
  }
}

/** Cached bucket keys: callers get copies; the cached ones are wiped as they leave. */
const SECRET_BUCKET_KEYS: SecretValues<BucketKey> = { copy: (bucketKey: BucketKey): BucketKey => ({ ...bucketKey, key: bucketKey.key.slice() }), wipe: wipeBucketKey };

/** Options of a {@link BucketKeyring}. */
export interface BucketKeyringOptions {
  readonly pool: Pool;
  readonly kms: KmsClient;
  /** How long a bucket key wraps new data keys, and how long an opened one stays in memory, in ms. */
  readonly ttlMs: number;
  /** Bucket keys kept in memory for reads. */
  readonly cacheSize: number;
  readonly now: () => number;
}

/** The KMS encryption context of a bucket's keys, as S3 uses with bucket keys. */
export function bucketKeyContext(bucketName: string): Record<string, string> {
  return { 'aws:s3:arn': `arn:aws:s3:::${bucketName}` };
}

/** A KMS principal: whose authority a bucket key is made and opened under. */
export interface KmsPrincipal {
  readonly accountId: string;
  /** Empty for the account root. */
  readonly arn: string;
}

/**
 * Which bucket keys: those made under one KMS key on behalf of one
 * principal. SSE-S3 uses the service's key for the bucket owner; SSE-KMS
 * the object's KMS key for the requester, so that each requester has
 * bucket keys of its own, as in S3.
 */
export interface BucketKeyScope {
  /** The KMS key as requested (key id, key ARN, alias name or alias ARN). */
  readonly kmsKeyId: string;
  readonly principal: KmsPrincipal;
}

/** The SSE-S3 scope of a bucket: the service's SSE-S3 key, on behalf of the bucket owner's root. */
export function sseS3Scope(bucket: BucketRecord): BucketKeyScope {
  return { kmsKeyId: SSE_S3_ALIAS, principal: { accountId: bucket.ownerAccountId, arn: '' } };
}

function principalKey(principal: KmsPrincipal): string {
  return `${principal.accountId}|${principal.arn}`;
}

/**
 * Bucket keys. Writes use the current key of a (bucket, KMS key,
 * principal): made by KMS GenerateDataKey under that KMS key (context
 * `aws:s3:arn` of the bucket, on behalf of that principal), stored wrapped,
 * and used for a bounded time, so a warm PUT costs no KMS call; after that a
 * new one is made. Reads open keys with KMS Decrypt on behalf of the reader,
 * once per (key, reader) while it stays cached.
 */
export class BucketKeyring {
  readonly #options: BucketKeyringOptions;
  readonly #current: ExpiringCache<BucketKey>;
  readonly #opened: ExpiringCache<BucketKey>;

  constructor(options: BucketKeyringOptions) {
    this.#options = options;
    const limits = { ttlMs: options.ttlMs, now: options.now };
    this.#current = new ExpiringCache<BucketKey>({ ...limits, limit: options.cacheSize, secret: SECRET_BUCKET_KEYS });
    this.#opened = new ExpiringCache<BucketKey>({ ...limits, limit: options.cacheSize, secret: SECRET_BUCKET_KEYS });
  }

  /** The key new data keys of this bucket and scope are wrapped with: a copy the caller owns and must wipe ({@link useAndWipe}). */
  current(bucket: BucketRecord, scope: BucketKeyScope): Promise<BucketKey> {
    const cacheKey = `${bucket.bucketId}|${scope.kmsKeyId}|${principalKey(scope.principal)}`;
    return this.#current.getOrLoad(cacheKey, () => this.#create(bucket, scope));
  }

  /**
   * The bucket key a version's data key was wrapped with, opened under
   * `scope` (the key the version records, the reader): a copy the caller
   * owns and must wipe ({@link useAndWipe}).
   */
  open(bucket: BucketRecord, bucketKeyId: string, scope: BucketKeyScope): Promise<BucketKey> {
    return this.#opened.getOrLoad(`${bucketKeyId}|${principalKey(scope.principal)}`, () => this.#load(bucket, bucketKeyId, scope));
  }

  /** Forgets every key (wiping them). */
  clear(): void {
    this.#current.clear();
    this.#opened.clear();
  }

  async #create(bucket: BucketRecord, scope: BucketKeyScope): Promise<BucketKey> {
    const generated = await this.#options.kms.generateDataKey({
      principal: scope.principal,
      keyId: scope.kmsKeyId,
      encryptionContext: bucketKeyContext(bucket.name),
      keySpec: kmsV1.DataKeySpec.AES_256,
    });
    const key: BucketKey = {
      bucketKeyId: randomUUID(),
      kmsKeyArn: generated.keyId,
      kmsKeyVersion: generated.keyVersion,
      key: new Uint8Array(generated.plaintext),
    };
    generated.plaintext.fill(0);
    try {
      await insertBucketKey(this.#options.pool, { ...key, bucketId: bucket.bucketId, wrappedKey: generated.ciphertextBlob });
    } catch (error) {
      wipeBucketKey(key);
      throw error;
    }
    this.#opened.set(`${key.bucketKeyId}|${principalKey(scope.principal)}`, SECRET_BUCKET_KEYS.copy(key));
    return key;
  }

  async #load(bucket: BucketRecord, bucketKeyId: string, scope: BucketKeyScope): Promise<BucketKey> {
    const record = await findBucketKey(this.#options.pool, bucketKeyId);
    if (record === undefined || record.bucketId !== bucket.bucketId) throw new Error(`bucket key ${bucketKeyId} of bucket ${bucket.bucketId} is missing`);
    const opened = await this.#options.kms.decrypt({
      principal: scope.principal,
      ciphertextBlob: Buffer.from(record.wrappedKey),
      encryptionContext: bucketKeyContext(bucket.name),
      keyId: scope.kmsKeyId,
    });
    const key: BucketKey = { bucketKeyId, kmsKeyArn: record.kmsKeyArn, kmsKeyVersion: record.kmsKeyVersion, key: new Uint8Array(opened.plaintext) };
    opened.plaintext.fill(0);
    return key;
  }
}
