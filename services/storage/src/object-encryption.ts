import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { FORMAT_VERSION } from '@strongroom/crypto';
import { DomainError } from '@strongroom/errors';
import { sseS3Scope, useAndWipe, type BucketKeyScope } from './bucket-keyring';
import type { BucketRecord } from './bucket-store';
import { randomUUID } from 'node:crypto';
import { newCustomerKeyCheck, unwrapWithCustomerKey, verifyCustomerKey, wrapWithCustomerKey } from './customer-key';
import { newDataKey, unwrapDataKey, wrapDataKey } from './data-key';
import { kmsPrincipal, type EncryptionChoice } from './encryption-choice';
import { callKms } from './kms-call';
import type { ActingRequester } from './requester';
import type { StorageDeps } from './storage-call';
import type { VersionEncryption, VersionRecord } from './version-record';

/** How a data key is stored, without the stream id (the caller's). */
export type WrappedEncryption = Omit<VersionEncryption, 'streamId'>;

/** A fresh data key and how it is stored. */
export interface NewEncryption {
  /** The plaintext data key: wipe it once the seal stream is made. */
  readonly dataKey: Uint8Array;
  readonly encryption: WrappedEncryption;
}

/** A choice the server's keys serve: SSE-S3 or SSE-KMS. */
type ManagedChoice = Exclude<EncryptionChoice, { sseType: 'SSE-C' }>;

/** The bucket-key scope of a choice: SSE-S3's, or SSE-KMS's (the object's KMS key, the requester). */
function scopeOf(bucket: BucketRecord, choice: ManagedChoice): BucketKeyScope {
  return choice.sseType === 'AES256' ? sseS3Scope(bucket) : { kmsKeyId: choice.kmsKeyId, principal: choice.principal };
}

/**
 * Wraps a data key with the current bucket key of the choice's scope (no
 * KMS call once that key is warm), then opens the result once more, so that
 * a faulty wrap never reaches the disk.
 */
async function wrapWithBucketKey(deps: StorageDeps, bucket: BucketRecord, choice: ManagedChoice, dataKey: Uint8Array): Promise<WrappedEncryption> {
  const bucketKey = await callKms('GenerateDataKey', () => deps.keyring.current(bucket, scopeOf(bucket, choice)));
  const wrappedDataKey = useAndWipe(bucketKey, ({ key, bucketKeyId }) => {
    const wrapped = wrapDataKey(key, bucketKeyId, dataKey, deps.random);
    const check = unwrapDataKey(key, bucketKeyId, wrapped);
    const sound = Buffer.from(check).equals(dataKey);
    check.fill(0);
    if (!sound) throw new Error('a wrapped data key did not open to the key it wraps');
    return wrapped;
  });
  return {
    sseType: choice.sseType,
    kmsKeyArn: bucketKey.kmsKeyArn,
    kmsKeyVersion: bucketKey.kmsKeyVersion,
    bucketKeyId: bucketKey.bucketKeyId,
    formatVersion: FORMAT_VERSION,
    wrappedDataKey,
    encryptionContext: choice.sseType === 'aws:kms' ? choice.context : null,
    customerKey: null,
  };
}

/**
 * Wraps a data key under the customer's key, binding `wrapId` as AAD, with
 * a fresh salted HMAC of the key for later checks; the key is not stored.
 */
function wrapWithCustomer(deps: StorageDeps, customerKey: Uint8Array, wrapId: string, dataKey: Uint8Array): WrappedEncryption {
  return {
    sseType: 'SSE-C',
    kmsKeyArn: null,
    kmsKeyVersion: null,
    bucketKeyId: null,
    formatVersion: FORMAT_VERSION,
    wrappedDataKey: wrapWithCustomerKey(customerKey, wrapId, dataKey, deps.random),
    encryptionContext: null,
    customerKey: newCustomerKeyCheck(customerKey, wrapId, deps.random),
  };
}

type DirectKms = Extract<EncryptionChoice, { sseType: 'aws:kms' }>;

/** The stored form of a data key the KMS itself wrapped (SSE-KMS without a bucket key). */
function kmsWrapped(choice: DirectKms, made: { keyId: string; keyVersion: number; ciphertextBlob: Uint8Array }): WrappedEncryption {
  return {
    sseType: 'aws:kms',
    kmsKeyArn: made.keyId,
    kmsKeyVersion: made.keyVersion,
    bucketKeyId: null,
    formatVersion: FORMAT_VERSION,
    wrappedDataKey: made.ciphertextBlob,
    encryptionContext: choice.context,
    customerKey: null,
  };
}

/**
 * A data key for a new version or upload: SSE-S3 and SSE-KMS with a bucket
 * key wrap a fresh key with the bucket key (a KMS call only when none is
 * warm); SSE-KMS without one costs one KMS GenerateDataKey, on behalf of the
 * requester, under the object's context; SSE-C wraps a fresh key with the
 * customer's key, bound to `wrapId` (the stream id of a single-stream
 * version; by default a new id, as a multipart upload's). A KMS failure
 * throws before anything was written.
 */
export async function newEncryption(deps: StorageDeps, bucket: BucketRecord, choice: EncryptionChoice, wrapId: string = randomUUID()): Promise<NewEncryption> {
  if (choice.sseType === 'SSE-C') {
    const dataKey = newDataKey(deps.random);
    return { dataKey, encryption: wrapWithCustomer(deps, choice.customerKey, wrapId, dataKey) };
  }
  if (choice.sseType === 'aws:kms' && !choice.bucketKey) {
    const generated = await callKms('GenerateDataKey', () =>
      deps.kms.generateDataKey({ principal: choice.principal, keyId: choice.kmsKeyId, encryptionContext: choice.context, keySpec: kmsV1.DataKeySpec.AES_256 }),
    );
    return { dataKey: generated.plaintext, encryption: kmsWrapped(choice, generated) };
  }
  const dataKey = newDataKey(deps.random);
  try {
    return { dataKey, encryption: await wrapWithBucketKey(deps, bucket, choice, dataKey) };
  } catch (error) {
    dataKey.fill(0);
    throw error;
  }
}

/**
 * The plaintext data key of a version or upload (wipe it after use), opened
 * on behalf of `reader`: SSE-S3 through the bucket's key; SSE-KMS through a
 * bucket key or one KMS Decrypt with the stored context, as the reader (so
 * key policies and grants see who reads); SSE-C with the customer's key,
 * checked first (see {@link checkCustomerKey}). INTEGRITY_FAILURE when the
 * metadata does not open.
 */
export async function openDataKey(
  deps: StorageDeps,
  bucket: BucketRecord,
  encryption: WrappedEncryption & { readonly streamId?: string | null },
  reader: ActingRequester,
  customerKey?: Uint8Array,
): Promise<Uint8Array> {
  if (encryption.formatVersion !== FORMAT_VERSION || (encryption.sseType === 'AES256' && encryption.bucketKeyId === null)) {
    throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the version records an encryption this server cannot open');
  }
  if (encryption.sseType === 'SSE-C') {
    const check = checkCustomerKey(encryption, customerKey);
    if (check === null || customerKey === undefined) throw new Error('an SSE-C key check passed without a key');
    if (encryption.streamId != null && encryption.streamId !== check.wrapId) {
      throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the stored data key belongs to another stream');
    }
    return unwrapWithCustomerKey(customerKey, check.wrapId, encryption.wrappedDataKey);
  }
  const bucketKeyId = encryption.bucketKeyId;
  if (encryption.sseType === 'aws:kms' && bucketKeyId === null) {
    const opened = await callKms('Decrypt', () =>
      deps.kms.decrypt({
        principal: kmsPrincipal(reader),
        ciphertextBlob: Buffer.from(encryption.wrappedDataKey),
        encryptionContext: { ...encryption.encryptionContext },
        keyId: encryption.kmsKeyArn ?? '',
      }),
    );
    return opened.plaintext;
  }
  if (bucketKeyId === null) throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the version records no bucket key');
  const scope = encryption.sseType === 'AES256' ? sseS3Scope(bucket) : { kmsKeyId: encryption.kmsKeyArn ?? '', principal: kmsPrincipal(reader) };
  const bucketKey = await callKms('Decrypt', () => deps.keyring.open(bucket, bucketKeyId, scope));
  return useAndWipe(bucketKey, ({ key }) => unwrapDataKey(key, bucketKeyId, encryption.wrappedDataKey));
}

/** A version's encryption; every object version has one (INTEGRITY_FAILURE for a record without). */
export function versionEncryption(version: VersionRecord): VersionEncryption {
  if (version.encryption === null) throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the version has no encryption metadata');
  return version.encryption;
}

/**
 * The customer's key a request must bring when its answer carries an SSE-C
 * upload's or version's checksums (ListParts, CompleteMultipartUpload):
 * they are of its plaintext, so S3 asks for the key when the upload was
 * created with a checksum algorithm; otherwise a key given is checked.
 */
export function checkChecksumReadKey(encryption: Pick<WrappedEncryption, 'sseType' | 'customerKey'>, hasChecksum: boolean, customerKey: Uint8Array | undefined): void {
  if (customerKey !== undefined || (encryption.sseType === 'SSE-C' && hasChecksum)) {
    checkCustomerKey(encryption, customerKey, 'The multipart upload was created with a checksum algorithm and a customer-provided encryption key: the correct encryption parameters must be provided.');
  }
}

/**
 * Checks a request's customer key against a version or upload: an SSE-C
 * one needs it (CUSTOMER_KEY_REQUIRED) and it must be the key (its salted
 * HMAC; ACCESS_DENIED otherwise), before anything is decrypted; any other
 * refuses one (CUSTOMER_KEY_NOT_APPLICABLE). Returns the stored check.
 */
export function checkCustomerKey(
  encryption: Pick<WrappedEncryption, 'sseType' | 'customerKey'>,
  customerKey: Uint8Array | undefined,
  missing = 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
): WrappedEncryption['customerKey'] {
  if (encryption.sseType !== 'SSE-C') {
    if (customerKey !== undefined) throw new DomainError(ErrorReason.CUSTOMER_KEY_NOT_APPLICABLE, 'The encryption parameters are not applicable to this object.');
    return null;
  }
  if (encryption.customerKey === null) throw new DomainError(ErrorReason.INTEGRITY_FAILURE, 'the version records no customer key check');
  if (customerKey === undefined) throw new DomainError(ErrorReason.CUSTOMER_KEY_REQUIRED, missing);
  verifyCustomerKey(encryption.customerKey, customerKey);
  return encryption.customerKey;
}

/**
 * The same data key stored anew for another encryption (another bucket, KMS
 * key, context or customer key), so a copy shares the source's ciphertext:
 * opened as the requester (with the source's customer key for an SSE-C
 * source), then wrapped as `choice` says (KMS Encrypt without a bucket key;
 * the customer's key for SSE-C, bound to the source's stream). Only the
 * wrapped key changes.
 */
export async function rewrapEncryption(
  deps: StorageDeps,
  source: { readonly bucket: BucketRecord; readonly encryption: VersionEncryption; readonly customerKey?: Uint8Array },
  destination: BucketRecord,
  choice: EncryptionChoice,
  requester: ActingRequester,
): Promise<VersionEncryption> {
  const dataKey = await openDataKey(deps, source.bucket, source.encryption, requester, source.customerKey);
  try {
    if (choice.sseType === 'SSE-C') {
      const wrapId = source.encryption.streamId ?? randomUUID();
      return { ...wrapWithCustomer(deps, choice.customerKey, wrapId, dataKey), streamId: source.encryption.streamId };
    }
    if (choice.sseType === 'AES256' || choice.bucketKey) return { ...(await wrapWithBucketKey(deps, destination, choice, dataKey)), streamId: source.encryption.streamId };
    const plaintext = Buffer.from(dataKey);
    try {
      const encrypted = await callKms('Encrypt', () =>
        deps.kms.encrypt({ principal: choice.principal, keyId: choice.kmsKeyId, plaintext, encryptionContext: choice.context }),
      );
      return { ...kmsWrapped(choice, encrypted), streamId: source.encryption.streamId };
    } finally {
      plaintext.fill(0);
    }
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The quoted ETag of a single-stream version: the MD5 of the plaintext for
 * SSE-S3; for SSE-KMS and SSE-C an opaque random value, as S3 does (an ETag
 * must not leak a hash of encrypted data).
 */
export function versionEtag(deps: StorageDeps, sseType: VersionEncryption['sseType'], md5: Buffer | undefined): string {
  return `"${etagDigits(deps, sseType, md5)}"`;
}

/**
 * The hex digits of an ETag, for a version or a multipart part: the MD5 of
 * the plaintext for SSE-S3, an opaque random value for SSE-KMS and SSE-C.
 */
export function etagDigits(deps: StorageDeps, sseType: VersionEncryption['sseType'], md5: Buffer | undefined): string {
  if (sseType !== 'AES256') return Buffer.from(deps.random.bytes(16)).toString('hex');
  if (md5 === undefined) throw new Error('an SSE-S3 version or part needs the MD5 of its plaintext');
  return md5.toString('hex');
}
