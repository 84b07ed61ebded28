import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { encryptionContextProblem } from '@strongroom/crypto';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { checkKmsKeyId, DEFAULT_BUCKET_ENCRYPTION } from './bucket-encryption';
import { validateCustomerKey } from './customer-key';
import type { BucketRecord } from './bucket-store';
import { bucketKeyContext, type KmsPrincipal } from './bucket-keyring';
import type { ActingRequester } from './requester';
import type { VersionEncryption } from './version-record';

/** The KMS alias of an account's AWS-managed S3 key: SSE-KMS without a key id uses it. */
export const AWS_S3_ALIAS = 'alias/aws/s3';

/** The encryption context key S3 adds: the object's (or, for bucket keys, the bucket's) ARN. */
export const S3_ARN_CONTEXT_KEY = 'aws:s3:arn';

/** How a new version is to be encrypted. */
export type EncryptionChoice =
  | { readonly sseType: 'AES256' }
  | {
      readonly sseType: 'SSE-C';
      /** The customer's raw key (the request's; wiped when the request is done). */
      readonly customerKey: Uint8Array;
    }
  | {
      readonly sseType: 'aws:kms';
      /** The KMS key as requested (key id, key ARN, alias name or alias ARN). */
      readonly kmsKeyId: string;
      /** The encryption context as S3 reports it: the requested pairs and `aws:s3:arn` (the object's ARN; with a bucket key, the bucket's). */
      readonly context: Readonly<Record<string, string>>;
      readonly bucketKey: boolean;
      /** On whose authority the KMS is called: the requester. */
      readonly principal: KmsPrincipal;
    };

/** The ARN of an object, as S3 names it in encryption contexts. */
export function objectArn(bucket: BucketRecord, key: string): string {
  return `arn:aws:s3:::${bucket.name}/${key}`;
}

/**
 * S3's rules for every request that writes or reads an SSE-KMS object: it
 * is signed (SigV4) by an account principal, and, when it came over HTTP,
 * over TLS (`aws:SecureTransport`: as the gateway saw it, or, for a
 * credential scoped to accounts, as storage sees its connection; a front
 * end that does not say is not held to it). INVALID_ARGUMENT with S3's
 * messages otherwise.
 */
export function checkKmsRequest(requester: ActingRequester): void {
  if (requester.principal.kind?.$case !== 'aws') {
    throw new DomainError(ErrorReason.INVALID_ARGUMENT, 'Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.');
  }
  if (requester.context['aws:SecureTransport']?.values[0] === 'false') {
    throw new DomainError(ErrorReason.INVALID_ARGUMENT, 'Requests specifying Server Side Encryption with AWS KMS managed keys must be made over a secure connection.');
  }
}

/**
 * {@link checkKmsRequest} for a request on a stored version or upload that
 * reads or completes it without opening its data key (HeadObject,
 * GetObjectAttributes, ListParts, CompleteMultipartUpload, and GetObject
 * before its preconditions, as an empty read opens none): S3 holds every
 * request for an SSE-KMS object to the same rules, whether or not KMS is
 * called.
 */
export function checkKmsObjectRequest(encryption: Pick<VersionEncryption, 'sseType'> | null, requester: ActingRequester): void {
  if (encryption?.sseType === 'aws:kms') checkKmsRequest(requester);
}

/**
 * The KMS's own keys: aliases under `alias/strongroom/` and every key of
 * its service account (the KMS exports both as SERVICE_ALIAS_PREFIX and
 * SERVICE_ACCOUNT_ID; copied here as the contract between the two).
 * Storage's credential may use them, so a requester naming one would
 * borrow that right: tenant data would be sealed under the key of the
 * access-key secrets or of SSE-S3.
 */
const SERVICE_KEY = /^(?:alias\/strongroom\/|arn:aws[a-z-]*:kms:[^:]*:000000000000:)/;

/** KEY_NOT_FOUND, as the KMS answers a key the requester cannot see, for a requested or default key that is one of the KMS's own. */
function refuseServiceKey(kmsKeyId: string): void {
  if (SERVICE_KEY.test(kmsKeyId)) throw new DomainError(ErrorReason.KEY_NOT_FOUND, `key ${JSON.stringify(kmsKeyId)} does not exist`);
}

/** The KMS principal of a requester, once {@link checkKmsRequest} allows it. */
export function kmsPrincipal(requester: ActingRequester): KmsPrincipal {
  checkKmsRequest(requester);
  const kind = requester.principal.kind;
  if (kind?.$case !== 'aws') throw new DomainError(ErrorReason.ACCESS_DENIED, 'SSE-KMS needs an account principal to call KMS on behalf of');
  const root = `arn:aws:iam::${kind.value.accountId}:root`;
  return { accountId: kind.value.accountId, arn: kind.value.arn === root ? '' : kind.value.arn };
}

/**
 * An SSE-KMS encryption context as KMS takes it (checked here too: with a
 * bucket key it never reaches KMS, but is stored), without `aws:` keys.
 */
function checkContext(context: Readonly<Record<string, string>>): void {
  const problem = encryptionContextProblem(context);
  if (problem !== undefined) throw invalidArgument('encryption_context', problem);
  for (const name of Object.keys(context)) {
    if (name.startsWith('aws:')) throw invalidArgument('encryption_context', `the key ${name} is reserved for AWS`);
  }
}

/** SSE-C with another algorithm or KMS options is INVALID_ARGUMENT; a bucket that blocks SSE-C refuses it (CUSTOMER_KEY_BLOCKED). */
function customerChoice(bucket: BucketRecord, options: storageV1.WriteOptions, kmsOptions: boolean, requester: ActingRequester): EncryptionChoice {
  if (options.sseAlgorithm !== storageV1.SseAlgorithm.UNSPECIFIED || kmsOptions) {
    throw invalidArgument('options.customer_key', 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified');
  }
  const customerKey = validateCustomerKey(options.customerKey, 'options.customer_key', requester);
  if (customerKey === undefined) throw new Error('customerChoice needs a customer key');
  if (bucket.encryption?.sseCBlocked === true) throw new DomainError(ErrorReason.CUSTOMER_KEY_BLOCKED, 'SSE-C is blocked for this bucket');
  return { sseType: 'SSE-C', customerKey };
}

/**
 * The encryption of a write: the request's own (SSE-C with its customer
 * key, or `sse_algorithm` with its KMS key, context and bucket-key setting),
 * else the bucket's default, else SSE-S3. KMS options without `aws:kms` are
 * INVALID_ARGUMENT; a KMS key of the KMS's own is KEY_NOT_FOUND.
 */
export function chooseEncryption(bucket: BucketRecord, key: string, options: storageV1.WriteOptions | undefined, requester: ActingRequester): EncryptionChoice {
  const requested = options?.sseAlgorithm ?? storageV1.SseAlgorithm.UNSPECIFIED;
  const context = options?.encryptionContext ?? {};
  const kmsOptions = options !== undefined && (options.kmsKeyId !== '' || Object.keys(context).length > 0);
  if (options?.customerKey !== undefined) return customerChoice(bucket, options, kmsOptions, requester);
  const fallback = bucket.encryption ?? DEFAULT_BUCKET_ENCRYPTION;
  const algorithm = requested === storageV1.SseAlgorithm.UNSPECIFIED ? fallback.algorithm : requested === storageV1.SseAlgorithm.AWS_KMS ? 'aws:kms' : 'AES256';
  if (algorithm !== 'aws:kms') {
    if (kmsOptions) throw invalidArgument(options.kmsKeyId === '' ? 'options.encryption_context' : 'options.kms_key_id', 'a KMS key or encryption context needs the aws:kms algorithm');
    return { sseType: 'AES256' };
  }
  checkContext(context);
  checkKmsKeyId('options.kms_key_id', options?.kmsKeyId ?? '');
  const usesDefault = requested === storageV1.SseAlgorithm.UNSPECIFIED || fallback.algorithm === 'aws:kms';
  const kmsKeyId = options?.kmsKeyId || (requested === storageV1.SseAlgorithm.UNSPECIFIED ? fallback.kmsMasterKeyId : '') || AWS_S3_ALIAS;
  refuseServiceKey(kmsKeyId);
  const bucketKey = options?.bucketKeyEnabled ?? (usesDefault && fallback.bucketKeyEnabled);
  return {
    sseType: 'aws:kms',
    kmsKeyId,
    // With a bucket key the KMS sees the bucket's ARN (the bucket key's context), not the object's, and S3 reports that one.
    context: { ...context, ...(bucketKey ? bucketKeyContext(bucket.name) : { [S3_ARN_CONTEXT_KEY]: objectArn(bucket, key) }) },
    bucketKey,
    principal: kmsPrincipal(requester),
  };
}

/** The condition keys a write's encryption request sets (`s3:x-amz-server-side-encryption`, `...-aws-kms-key-id`, `...-customer-algorithm`), from what was asked, not the default. */
export function encryptionConditions(options: storageV1.WriteOptions | undefined): Record<string, string> {
  const conditions: Record<string, string> = {};
  if (options?.sseAlgorithm === storageV1.SseAlgorithm.AES256) conditions['s3:x-amz-server-side-encryption'] = 'AES256';
  if (options?.sseAlgorithm === storageV1.SseAlgorithm.AWS_KMS) conditions['s3:x-amz-server-side-encryption'] = 'aws:kms';
  if (options !== undefined && options.kmsKeyId !== '') conditions['s3:x-amz-server-side-encryption-aws-kms-key-id'] = options.kmsKeyId;
  if (options?.customerKey !== undefined) conditions['s3:x-amz-server-side-encryption-customer-algorithm'] = options.customerKey.algorithm;
  return conditions;
}
