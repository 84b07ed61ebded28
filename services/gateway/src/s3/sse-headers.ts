import { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { parseStrictJson } from '../http/strict-json';
import { CUSTOMER_KEY_HEADERS, customerKeyFromHeaders } from './customer-key-headers';
import { S3Error } from './errors';

const SSE = 'x-amz-server-side-encryption';
const KMS_KEY_ID = 'x-amz-server-side-encryption-aws-kms-key-id';
const CONTEXT = 'x-amz-server-side-encryption-context';
const BUCKET_KEY = 'x-amz-server-side-encryption-bucket-key-enabled';

/** The encryption fields of a write's options. */
export type SseWriteOptions = Pick<storageV1.WriteOptions, 'sseAlgorithm' | 'kmsKeyId' | 'encryptionContext' | 'bucketKeyEnabled' | 'customerKey'>;

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function invalid(message: string, name: string, value: string | undefined): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value ?? 'null' });
}

/** `x-amz-server-side-encryption-context`: base64 of a UTF-8 JSON object of string values. */
function parseContext(value: string): Record<string, string> {
  const problem = () => invalid(`The header '${CONTEXT}' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map`, CONTEXT, value);
  let parsed: unknown;
  try {
    parsed = parseStrictJson(Buffer.from(value, 'base64'));
  } catch {
    throw problem();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw problem();
  const entries = Object.entries(parsed);
  if (entries.some(([, entry]) => typeof entry !== 'string')) throw problem();
  // fromEntries defines each key as the context's own, `__proto__` included; an assignment would drop that one.
  return Object.fromEntries(entries);
}

function parseBucketKey(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'true') return true;
  if (value.toLowerCase() === 'false') return false;
  throw invalid('The bucket key enabled header must be true or false', BUCKET_KEY, value);
}

/**
 * The encryption a write asks for (S3-SPEC 1.1-1.3): SSE-S3 (`AES256`),
 * SSE-KMS (`aws:kms`, with an optional key id, context and bucket-key
 * setting) or SSE-C (the customer-key headers, with no SSE header);
 * DSSE-KMS is NotImplemented. A key id or context without `aws:kms`, an
 * unknown algorithm, SSE-C with an SSE header or a malformed context is
 * InvalidArgument.
 */
export function sseWriteOptions(headers: IncomingHttpHeaders): SseWriteOptions {
  const value = single(headers, SSE);
  const customerKey = customerKeyFromHeaders(headers, CUSTOMER_KEY_HEADERS);
  if (customerKey !== undefined) {
    if (value !== undefined || headers[KMS_KEY_ID] !== undefined || headers[CONTEXT] !== undefined) {
      customerKey.key.fill(0);
      throw invalid('Server Side Encryption with Customer provided key is incompatible with the encryption method specified', SSE, value);
    }
    return { sseAlgorithm: storageV1.SseAlgorithm.UNSPECIFIED, kmsKeyId: '', encryptionContext: {}, customerKey };
  }
  const keyId = single(headers, KMS_KEY_ID);
  const context = single(headers, CONTEXT);
  const bucketKeyEnabled = parseBucketKey(single(headers, BUCKET_KEY));
  const bucketKey = bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled };
  if (value === 'aws:kms:dsse') throw new S3Error('NotImplemented', 'Server-side encryption with aws:kms:dsse is not implemented.');
  if (value === 'aws:kms') {
    return { sseAlgorithm: storageV1.SseAlgorithm.AWS_KMS, kmsKeyId: keyId ?? '', encryptionContext: context === undefined ? {} : parseContext(context), ...bucketKey };
  }
  if (keyId !== undefined || context !== undefined) {
    throw invalid('Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms', SSE, value);
  }
  if (value === undefined) return { sseAlgorithm: storageV1.SseAlgorithm.UNSPECIFIED, kmsKeyId: '', encryptionContext: {}, ...bucketKey };
  if (value === 'AES256') return { sseAlgorithm: storageV1.SseAlgorithm.AES256, kmsKeyId: '', encryptionContext: {}, ...bucketKey };
  throw invalid('The encryption method specified is not supported', SSE, value);
}

/** What to echo besides the algorithm. */
export interface EncryptionHeaderOptions {
  /** PUT, copy and create-multipart echo the encryption context. */
  readonly context: boolean;
}

/**
 * The response headers of an object's encryption: `x-amz-server-side-encryption`,
 * and for SSE-KMS the key ARN, bucket-key use and (where S3 sends it) the context.
 */
export function encryptionHeaders(info: storageV1.EncryptionInfo | undefined, options: EncryptionHeaderOptions = { context: false }): Record<string, string | undefined> {
  if (info?.algorithm === storageV1.SseAlgorithm.AES256) return { [SSE]: 'AES256' };
  if (info?.algorithm !== storageV1.SseAlgorithm.AWS_KMS) return {};
  const hasContext = options.context && Object.keys(info.encryptionContext).length > 0;
  return {
    [SSE]: 'aws:kms',
    [KMS_KEY_ID]: info.kmsKeyArn,
    [BUCKET_KEY]: info.bucketKeyEnabled ? 'true' : undefined,
    [CONTEXT]: hasContext ? Buffer.from(JSON.stringify(info.encryptionContext)).toString('base64') : undefined,
  };
}

/**
 * Requests that choose no encryption must not carry SSE headers (400
 * InvalidArgument), as in S3: GET and HEAD, whatever the object's
 * encryption (checked once the object is known, so a missing one is still
 * NoSuchKey), and UploadPart and UploadPartCopy, whose upload chose its
 * encryption at creation. They name none but an SSE-C key.
 */
export function rejectSseHeaders(headers: IncomingHttpHeaders): void {
  const sent = [SSE, KMS_KEY_ID, CONTEXT, BUCKET_KEY].find((name) => headers[name] !== undefined);
  if (sent !== undefined) {
    throw invalid('x-amz-server-side-encryption header is not supported for this operation.', sent, single(headers, sent));
  }
}
