import { ErrorReason, kmsV1, policyV1, storageV1, storageServiceDefinition } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import type { ServicesTls } from '@strongroom/config';
import { createServiceClient, type RunningGrpcServer } from '@strongroom/grpc';
import type { Pool } from '@strongroom/db';
import { migrateKms, startKmsService, type RunningKms } from '@strongroom/kms';
import { Secret, createLogger, type Logger } from '@strongroom/observability';
import { migratePolicy, startPolicyService } from '@strongroom/policy';
import { migrateStorage, startStorageService, type RunningStorage, type StorageServiceOptions } from '@strongroom/storage';
import { createTestDatabase, testCredentials, type TestDatabase } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Channel, Client } from 'nice-grpc';

/** A generated storage client. */
export type StorageClient = Client<typeof storageV1.StorageServiceDefinition>;
/** A generated policy client. */
export type PolicyClient = Client<typeof policyV1.PolicyServiceDefinition>;
/** A generated KMS client. */
export type KmsClient = Client<typeof kmsV1.KeyManagementServiceDefinition>;

/** The account that owns the harness's buckets. */
export const OWNER = '111111111111';
/** Another account, with no access unless granted. */
export const OTHER = '222222222222';

/** Requesters: an account root, a user, or anyone. */
export const as = {
  root: (accountId: string): storageV1.Requester => ({ principal: { kind: { $case: 'aws', value: { accountId, arn: '' } } }, context: {}, expectedBucketOwners: [] }),
  user: (accountId: string, name: string): storageV1.Requester => ({
    principal: { kind: { $case: 'aws', value: { accountId, arn: `arn:aws:iam::${accountId}:user/${name}` } } },
    context: {},
    expectedBucketOwners: [],
  }),
  anonymous: (): storageV1.Requester => ({ principal: { kind: { $case: 'anonymous', value: {} } }, context: {}, expectedBucketOwners: [] }),
};

/** Real KMS, policy and storage services on 127.0.0.1:0 over one test database, with clients that may act for any account. */
export interface StorageHarness {
  readonly client: StorageClient;
  /** A storage client whose credential may act only for {@link OWNER}. */
  readonly ownerOnlyClient: StorageClient;
  readonly policy: PolicyClient;
  readonly kms: KmsClient;
  readonly database: TestDatabase;
  readonly storage: RunningStorage;
  readonly dataDir: string;
  /** The error lines the storage service logged (integrity alarms). */
  readonly alarms: () => string[];
  /** Starts another storage server on the same database and blobs (a replica, or other settings); the caller closes it. */
  startReplica(options?: Partial<StorageServiceOptions>): Promise<StorageReplica>;
  /** Starts another policy server on the same database through `pool` (a proxy's, say); the caller closes it. */
  startPolicyReplica(pool: Pool): Promise<RunningGrpcServer>;
  /** A storage client with {@link ownerOnlyClient}'s credential that calls `host:port` (a server listening beyond loopback), over TLS with `tls`. */
  ownerOnlyClientTo(host: string, port: number, tls?: ServicesTls): StorageClient;
  close(): Promise<void>;
}

/** Another storage server of the harness. */
export interface StorageReplica {
  readonly client: StorageClient;
  readonly storage: RunningStorage;
  close(): Promise<void>;
}

function capturingLogger(lines: string[]): Logger {
  return createLogger({ name: 'storage-test', level: 'error', destination: { write: (line: string) => lines.push(line) } });
}

/** Starts the three services and creates {@link OWNER} and {@link OTHER}. */
export async function startStorageHarness(options: Partial<StorageServiceOptions> = {}): Promise<StorageHarness> {
  const database = await createTestDatabase();
  await migrateKms(database.pool);
  await migratePolicy(database.pool);
  await migrateStorage(database.pool);
  const ownerToken = randomBytes(24).toString('base64url');
  const { token, registry } = testCredentials({}, [{ name: 'owner-only', token: ownerToken, accounts: [OWNER], serviceKeys: false }]);
  const quiet = createLogger({ name: 'storage-test', level: 'silent' });
  const lines: string[] = [];
  const kms: RunningKms = await startKmsService({
    pool: database.pool,
    databaseUrl: database.url,
    region: 'us-east-1',
    rootKey: new Secret(new Uint8Array(randomBytes(32))),
    credentials: registry,
    logger: quiet,
    address: '127.0.0.1:0',
    healthAddress: '127.0.0.1:0',
  });
  const startPolicy = (pool: Pool) =>
    startPolicyService({
      pool,
      databaseUrl: database.url,
      credentials: registry,
      logger: quiet,
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      kmsEndpoint: `127.0.0.1:${kms.port}`,
      kmsToken: token,
    });
  const policyServer = await startPolicy(database.pool);
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-storage-'));
  const start = (overrides: Partial<StorageServiceOptions>) =>
    startStorageService({
      pool: database.pool,
      credentials: registry,
      logger: capturingLogger(lines),
      region: 'us-east-1',
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      dataDir,
      kmsEndpoint: `127.0.0.1:${kms.port}`,
      policyEndpoint: `127.0.0.1:${policyServer.port}`,
      token,
      sweepIntervalMs: 0,
      releasedBlobGraceMs: 0,
      ...overrides,
    });
  const storage = await start(options);
  const channels: Channel[] = [];
  const connect = <S extends typeof storageV1.StorageServiceDefinition | typeof policyV1.PolicyServiceDefinition | typeof kmsV1.KeyManagementServiceDefinition>(
    definition: S,
    port: number,
    callerToken: string,
    host = '127.0.0.1',
    tls?: ServicesTls,
  ) => {
    const { client, channel } = createServiceClient(definition, { address: `${host}:${port}`, token: callerToken, tls });
    channels.push(channel);
    return client;
  };
  const policy = connect(policyV1.PolicyServiceDefinition, policyServer.port, token);
  for (const accountId of [OWNER, OTHER]) await policy.createAccount({ accountId, displayName: `account ${accountId}`, email: `${accountId}@example.com` });
  return {
    client: connect(storageServiceDefinition, storage.port, token),
    ownerOnlyClient: connect(storageServiceDefinition, storage.port, ownerToken),
    policy,
    kms: connect(kmsV1.KeyManagementServiceDefinition, kms.port, token),
    database,
    storage,
    dataDir,
    alarms: () => [...lines],
    async startReplica(overrides = {}) {
      const replica = await start({ ...options, ...overrides });
      return { client: connect(storageServiceDefinition, replica.port, token), storage: replica, close: () => replica.shutdown() };
    },
    startPolicyReplica: startPolicy,
    ownerOnlyClientTo: (host, port, tls) => connect(storageServiceDefinition, port, ownerToken, host, tls),
    async close() {
      for (const channel of channels) channel.close();
      await storage.shutdown();
      await policyServer.shutdown();
      await kms.shutdown();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The header fields a test may set on a PutObject. */
export type PutHeader = Partial<Omit<storageV1.PutObjectHeader, 'bucket' | 'key'>>;

function* putMessages(
  bucket: string,
  key: string,
  chunks: readonly Buffer[],
  header: PutHeader,
  trailer: storageV1.PutObjectTrailer | undefined,
): Generator<storageV1.PutObjectRequest> {
  const contentLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  yield { part: { $case: 'header', value: storageV1.PutObjectHeader.fromPartial({ requester: as.root(OWNER), bucket, key, contentLength, ...header }) } };
  for (const chunk of chunks) yield { part: { $case: 'data', value: chunk } };
  if (trailer !== undefined) yield { part: { $case: 'trailer', value: trailer } };
}

/** Puts an object (as {@link OWNER}'s root unless the header says otherwise), in the given chunks. */
export function putObject(
  client: StorageClient,
  bucket: string,
  key: string,
  body: Buffer | readonly Buffer[],
  header: PutHeader = {},
  trailer?: storageV1.PutObjectTrailer,
): Promise<storageV1.PutObjectResponse> {
  const chunks = Buffer.isBuffer(body) ? [body] : body;
  return client.putObject(Readable.from(putMessages(bucket, key, chunks, header, trailer)));
}

/** Makes `key` a multipart object of `parts` (all but the last at least 5 MiB), as {@link OWNER}'s root. */
export async function putMultipartObject(client: StorageClient, bucket: string, key: string, parts: readonly Buffer[]): Promise<void> {
  const requester = as.root(OWNER);
  const { uploadId } = await client.createMultipartUpload({ requester, bucket, key });
  const etags: string[] = [];
  for (const [index, body] of parts.entries()) {
    const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket, key, uploadId, partNumber: index + 1, contentLength: body.length });
    const messages: storageV1.UploadPartRequest[] = [{ part: { $case: 'header', value: header } }, { part: { $case: 'data', value: body } }];
    etags.push((await client.uploadPart(Readable.from(messages))).etag);
  }
  await client.completeMultipartUpload({ requester, bucket, key, uploadId, parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })) });
}

/** A finished GetObject: its metadata, its bytes, and how many data messages carried them. */
export interface FetchedObject {
  readonly metadata: storageV1.GetObjectMetadata;
  readonly body: Buffer;
  readonly messages: number;
}

/** Gets an object (as {@link OWNER}'s root unless the request says otherwise) and gathers its bytes. */
export async function getObject(client: StorageClient, request: Partial<storageV1.GetObjectRequest> & { bucket: string; key: string }): Promise<FetchedObject> {
  let metadata: storageV1.GetObjectMetadata | undefined;
  const chunks: Buffer[] = [];
  for await (const message of client.getObject({ requester: as.root(OWNER), ...request })) {
    if (message.part?.$case === 'metadata') metadata = message.part.value;
    if (message.part?.$case === 'data') chunks.push(message.part.value);
  }
  if (metadata === undefined) throw new Error('GetObject sent no metadata');
  return { metadata, body: Buffer.concat(chunks), messages: chunks.length };
}

/** Asserts that a call fails with a DomainError of `reason`, and returns the error. */
export async function expectReason(call: Promise<unknown>, reason: ErrorReason): Promise<DomainError> {
  let failure: unknown;
  try {
    await call;
  } catch (error) {
    failure = error;
  }
  if (!(failure instanceof DomainError)) throw new Error(`expected ${ErrorReason[reason]}, got ${failure === undefined ? 'success' : failure instanceof Error ? failure.message : 'a non-error'}`);
  expect(failure.reasonName).toBe(ErrorReason[reason]);
  return failure;
}

/** Creates a bucket of {@link OWNER}. */
export async function createBucket(client: StorageClient, bucket: string, extra: Partial<storageV1.CreateBucketRequest> = {}): Promise<storageV1.Bucket> {
  const { bucket: created } = await client.createBucket({ requester: as.root(OWNER), bucket, ...extra });
  if (created === undefined) throw new Error('CreateBucket returned no bucket');
  return created;
}
