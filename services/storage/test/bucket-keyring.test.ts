import { createTestDatabase, type TestDatabase } from '@strongroom/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { migrateStorage } from '../src';
import { BucketKeyring, sseS3Scope, useAndWipe, type BucketKey, type KmsClient } from '../src/bucket-keyring';
import { insertBucket, type BucketRecord } from '../src/bucket-store';

const ZERO_KEY = Buffer.alloc(32);
const TTL_MS = 1000;
const KMS_KEY_ARN = 'arn:aws:kms:us-east-1:000000000000:key/sse-s3';

/** A KMS that makes random bucket keys and opens the blobs it made. */
function fakeKms(): KmsClient {
  const made = new Map<string, Buffer>();
  const kms: Pick<KmsClient, 'generateDataKey' | 'decrypt'> = {
    generateDataKey: () => {
      const plaintext = randomBytes(32);
      const ciphertextBlob = randomBytes(60);
      made.set(ciphertextBlob.toString('hex'), Buffer.from(plaintext));
      return Promise.resolve({ keyId: KMS_KEY_ARN, keyVersion: 1, plaintext, ciphertextBlob });
    },
    decrypt: ({ ciphertextBlob }) => {
      const plaintext = made.get(Buffer.from(ciphertextBlob ?? []).toString('hex'));
      if (plaintext === undefined) return Promise.reject(new Error('not a blob of this KMS'));
      return Promise.resolve({ keyId: KMS_KEY_ARN, keyVersion: 1, plaintext: Buffer.from(plaintext) });
    },
  };
  return kms as KmsClient;
}

const bytesOf = (bucketKey: BucketKey) => Buffer.from(bucketKey.key);

let db: TestDatabase;
let clock: { now: number };
let ring: BucketKeyring;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateStorage(db.pool);
});
afterAll(() => db.drop());
beforeEach(() => {
  clock = { now: 0 };
  ring = new BucketKeyring({ pool: db.pool, kms: fakeKms(), ttlMs: TTL_MS, cacheSize: 1, now: () => clock.now });
});

async function newBucket(): Promise<BucketRecord> {
  const bucketId = randomUUID();
  return insertBucket(db.pool, { bucketId, name: `keyring-${bucketId}`, ownerAccountId: '000000000000', region: 'us-east-1' });
}

describe('bucket keys handed out are never wiped under their holder', () => {
  test('current(): a request that got the key just before it expired still holds it whole after another request finds it expired', async () => {
    const bucket = await newBucket();
    const made = bytesOf(await ring.current(bucket, sseS3Scope(bucket)));
    clock.now = TTL_MS - 1;
    const requestA = ring.current(bucket, sseS3Scope(bucket));
    clock.now = TTL_MS;
    const requestB = ring.current(bucket, sseS3Scope(bucket));
    const [keyA, keyB] = await Promise.all([requestA, requestB]);
    expect(bytesOf(keyA)).toEqual(made);
    expect(bytesOf(keyB)).not.toEqual(ZERO_KEY);
    expect(keyB.bucketKeyId).not.toBe(keyA.bucketKeyId);
  });

  test('open(): a request that got the key just before it expired still holds it whole after another request finds it expired', async () => {
    const bucket = await newBucket();
    const made = await ring.current(bucket, sseS3Scope(bucket));
    clock.now = TTL_MS - 1;
    const requestA = ring.open(bucket, made.bucketKeyId, sseS3Scope(bucket));
    clock.now = 2 * TTL_MS;
    const requestB = ring.open(bucket, made.bucketKeyId, sseS3Scope(bucket));
    const [keyA, keyB] = await Promise.all([requestA, requestB]);
    expect([bytesOf(keyA), bytesOf(keyB)]).toEqual([bytesOf(made), bytesOf(made)]);
  });

  test('a key held across an await stays whole while other buckets push it out of the cache', async () => {
    const [bucket, others] = [await newBucket(), [await newBucket(), await newBucket()]];
    const held = await ring.current(bucket, sseS3Scope(bucket));
    const heldBytes = bytesOf(held);
    const opened = await ring.open(bucket, held.bucketKeyId, sseS3Scope(bucket));
    for (const other of others) {
      const key = await ring.current(other, sseS3Scope(other));
      await ring.open(other, key.bucketKeyId, sseS3Scope(other));
    }
    expect(heldBytes).not.toEqual(ZERO_KEY);
    expect([bytesOf(held), bytesOf(opened)]).toEqual([heldBytes, heldBytes]);
  });

  test('concurrent first requests share one KMS call and each get a key of their own', async () => {
    const bucket = await newBucket();
    const [keyA, keyB] = await Promise.all([ring.current(bucket, sseS3Scope(bucket)), ring.current(bucket, sseS3Scope(bucket))]);
    expect(keyA.bucketKeyId).toBe(keyB.bucketKeyId);
    expect(keyA.key).not.toBe(keyB.key);
    expect(bytesOf(keyA)).toEqual(bytesOf(keyB));
  });

  test('a caller wiping its key after use leaves the cached key whole for the next caller', async () => {
    const bucket = await newBucket();
    const first = await ring.current(bucket, sseS3Scope(bucket));
    const firstBytes = useAndWipe(first, bytesOf);
    expect(bytesOf(first)).toEqual(ZERO_KEY);
    const next = await ring.current(bucket, sseS3Scope(bucket));
    expect([next.bucketKeyId, bytesOf(next)]).toEqual([first.bucketKeyId, firstBytes]);
    const opened = await ring.open(bucket, first.bucketKeyId, sseS3Scope(bucket));
    useAndWipe(opened, () => undefined);
    expect(bytesOf(await ring.open(bucket, first.bucketKeyId, sseS3Scope(bucket)))).toEqual(firstBytes);
  });

  test('useAndWipe wipes the key when its use throws', async () => {
    const bucket = await newBucket();
    const key = await ring.current(bucket, sseS3Scope(bucket));
    expect(() =>
      useAndWipe(key, () => {
        throw new Error('wrap failed');
      }),
    ).toThrow('wrap failed');
    expect(bytesOf(key)).toEqual(ZERO_KEY);
  });
});
