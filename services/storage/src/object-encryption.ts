import { ErrorReason } from '@strongroom/contracts';
import { FORMAT_VERSION } from '@strongroom/crypto';
import { DomainError } from '@strongroom/errors';
import type { BucketRecord } from './bucket-store';
import { newDataKey, unwrapDataKey, wrapDataKey } from './data-key';
import type { StorageDeps } from './storage-call';
import type { VersionEncryption } from './version-record';

/** How a data key is stored, without the stream id (the caller's). */
export type WrappedEncryption = Omit<VersionEncryption, 'streamId'>;

/** A fresh data key and how it is stored. */
export interface NewEncryption {
  /** The plaintext data key: wipe it once the seal stream is made. */
  readonly dataKey: Uint8Array;
  readonly encryption: WrappedEncryption;
}

/**
 * Wraps a data key with the bucket's current bucket key (no KMS call once
 * that key is warm), then opens the result once more, so that a faulty
 * wrap never reaches the disk.
 */
async function wrapForBucket(deps: StorageDeps, bucket: BucketRecord, dataKey: Uint8Array): Promise<WrappedEncryption> {
  const bucketKey = await deps.keyring.current(bucket);
  const wrappedDataKey = wrapDataKey(bucketKey.key, bucketKey.bucketKeyId, dataKey, deps.random);
  const check = unwrapDataKey(bucketKey.key, bucketKey.bucketKeyId, wrappedDataKey);
  const sound = Buffer.from(check).equals(dataKey);
  check.fill(0);
  if (!sound) throw new Error('a wrapped data key did not open to the key it wraps');
  return {
    sseType: 'AES256',
    kmsKeyArn: bucketKey.kmsKeyArn,
    kmsKeyVersion: bucketKey.kmsKeyVersion,
    bucketKeyId: bucketKey.bucketKeyId,
    formatVersion: FORMAT_VERSION,
    wrappedDataKey,
  };
}

/** SSE-S3 for a new version: a fresh data key, wrapped for the bucket. */
export async function newEncryption(deps: StorageDeps, bucket: BucketRecord): Promise<NewEncryption> {
  const dataKey = newDataKey(deps.random);
  try {
    return { dataKey, encryption: await wrapForBucket(deps, bucket, dataKey) };
  } catch (error) {
    dataKey.fill(0);
    throw error;
  }
}

/** The plaintext data key of a version (wipe it after use); INTEGRITY_FAILURE when its metadata does not open. */
export async function openDataKey(deps: StorageDeps, bucket: BucketRecord, encryption: VersionEncryption): Promise<Uint8Array> {
  if (encryption.bucketKeyId === null || encryption.formatVersion !== FORMAT_VERSION) {
    throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the version records an encryption this server cannot open');
  }
  const bucketKey = await deps.keyring.open(bucket, encryption.bucketKeyId);
  return unwrapDataKey(bucketKey.key, encryption.bucketKeyId, encryption.wrappedDataKey);
}

/**
 * The same data key wrapped for another bucket (or anew for the same one),
 * so a copy shares the source's ciphertext: opened with the source's bucket
 * key, wrapped with the destination's current one. Only 32 bytes change.
 */
export async function rewrapEncryption(deps: StorageDeps, source: BucketRecord, encryption: VersionEncryption, destination: BucketRecord): Promise<VersionEncryption> {
  const dataKey = await openDataKey(deps, source, encryption);
  try {
    return { ...(await wrapForBucket(deps, destination, dataKey)), streamId: encryption.streamId };
  } finally {
    dataKey.fill(0);
  }
}
