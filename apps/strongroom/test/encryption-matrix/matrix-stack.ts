import { CreateBucketCommand, PutBucketEncryptionCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { TrustedProxies, loadOrCreateLocalCertificate, startGateway, type RunningGateway } from '@strongroom/gateway';
import { createLogger } from '@strongroom/observability';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWNER, startStorageHarness, type StorageHarness } from '../storage/storage-harness';
import { COLUMNS, CUSTOMER_KEY, MATRIX_ALIAS, SOURCE_BODY, SOURCE_BUCKET, SOURCE_KEY, bucketOf, type Column, type MatrixKeys } from './matrix-cells';

/** The bucket default of each column, as PutBucketEncryption's rule (none: no configuration at all). */
function defaultRule(column: Column, keys: MatrixKeys) {
  if (column === 'AES256') return { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const } };
  const kms = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: keys.bucketDefaultKeyArn } };
  return column === 'aws:kms+bucket-key' ? { ...kms, BucketKeyEnabled: true } : kms;
}

/**
 * The stack of one matrix file: KMS, policy and storage in-process with the
 * legacy bucket defaults (no encryption configuration, SSE-C allowed, so the
 * "none" column is a bucket with no configuration at all), and the gateway
 * on HTTPS with a self-signed certificate that the CLI clients trust through
 * `AWS_CA_BUNDLE`. One bucket per column, a named key, an alias to it, a
 * second key for the bucket defaults, and an SSE-S3 copy source.
 */
export interface MatrixStack {
  readonly backend: StorageHarness;
  readonly gateway: RunningGateway;
  /** `https://localhost:<port>`. */
  readonly endpoint: string;
  readonly keys: MatrixKeys;
  /** The SDK over HTTPS as the owner. */
  readonly s3: S3Client;
  /** A scratch directory: the CLI clients' HOME, their files and the CA bundle. */
  readonly scratch: string;
  /** The owner's root access key. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** A bare environment for a CLI client: the scratch HOME, the owner's keys, the CA bundle, nothing inherited. */
  env(extra?: Readonly<Record<string, string>>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Starts the stack and creates the keys, the column buckets and the copy source. */
export async function startMatrixStack(): Promise<MatrixStack> {
  const backend = await startStorageHarness({ legacyBucketDefaults: true });
  const scratch = mkdtempSync(join(tmpdir(), 'strongroom-matrix-'));
  const certificate = await loadOrCreateLocalCertificate(join(scratch, 'cert'), 'localhost');
  const caBundle = join(scratch, 'ca.pem');
  writeFileSync(caBundle, certificate.cert);
  const gateway = await startGateway({
    storage: backend.client,
    policy: backend.policy,
    kms: backend.kms,
    config: { region: 'us-east-1', httpAddress: '127.0.0.1:0', httpsAddress: '127.0.0.1:0', domain: 'localhost', trustedProxies: TrustedProxies.parse('') },
    tls: certificate,
    logger: createLogger({ name: 'matrix', level: 'silent' }),
  });
  const principal = { accountId: OWNER, arn: '' };
  const created = await backend.policy.createAccessKey({ principal, userName: '' });
  const credentials = { accessKeyId: created.accessKey!.accessKeyId, secretAccessKey: created.secretAccessKey };
  const endpoint = `https://localhost:${gateway.httpsPort}`;
  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: certificate.cert }) }),
  });
  const namedKeyArn = (await backend.kms.createKey({ principal, description: 'matrix named key' })).keyMetadata!.arn;
  const bucketDefaultKeyArn = (await backend.kms.createKey({ principal, description: 'matrix bucket default' })).keyMetadata!.arn;
  await backend.kms.createAlias({ principal, aliasName: MATRIX_ALIAS, targetKeyId: namedKeyArn });
  await backend.kms.generateDataKey({ principal, keyId: 'alias/aws/s3', numberOfBytes: 32 });
  const awsS3KeyArn = (await backend.kms.describeKey({ principal, keyId: 'alias/aws/s3' })).keyMetadata!.arn;
  const keys: MatrixKeys = { namedKeyArn, bucketDefaultKeyArn, awsS3KeyArn };
  for (const column of COLUMNS) {
    await s3.send(new CreateBucketCommand({ Bucket: bucketOf(column) }));
    if (column !== 'none') await s3.send(new PutBucketEncryptionCommand({ Bucket: bucketOf(column), ServerSideEncryptionConfiguration: { Rules: [defaultRule(column, keys)] } }));
  }
  await s3.send(new CreateBucketCommand({ Bucket: SOURCE_BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: SOURCE_KEY, Body: SOURCE_BODY }));
  const home = join(scratch, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'customer-key'), CUSTOMER_KEY);
  return {
    backend,
    gateway,
    endpoint,
    keys,
    s3,
    scratch,
    credentials,
    env: (extra = {}) => ({
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: scratch,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_CA_BUNDLE: caBundle,
      ...extra,
    }),
    async close() {
      s3.destroy();
      await gateway.close();
      await backend.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
