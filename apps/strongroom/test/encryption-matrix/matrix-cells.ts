import { createHash } from 'node:crypto';

/** The encryption a request asks for. */
export const ROWS = ['no header', 'AES256', 'aws:kms default key', 'aws:kms named key', 'aws:kms alias', 'SSE-C'] as const;
export type Row = (typeof ROWS)[number];

/** The bucket's default encryption. */
export const COLUMNS = ['none', 'AES256', 'aws:kms+bucket-key', 'aws:kms'] as const;
export type Column = (typeof COLUMNS)[number];

/** How the object is written (and, for range GET, read). */
export const OPERATIONS = ['single PUT', 'multipart', 'copy', 'range GET'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One cell of the matrix. */
export interface Cell {
  readonly row: Row;
  readonly column: Column;
  readonly operation: Operation;
}

/** The KMS keys a stack created. */
export interface MatrixKeys {
  /** The key named by ARN in the "named key" row, and the alias's target. */
  readonly namedKeyArn: string;
  /** The key of the aws:kms columns' bucket default. */
  readonly bucketDefaultKeyArn: string;
  /** The account's AWS-managed `alias/aws/s3` key. */
  readonly awsS3KeyArn: string;
}

/** The alias of {@link MatrixKeys.namedKeyArn}. */
export const MATRIX_ALIAS = 'alias/matrix';
/** The SSE-C key: 32 printable bytes, so that every client can take it as a plain string. */
export const CUSTOMER_KEY = 'matrix-customer-key-0123456789ab';
/** The base64 MD5 of {@link CUSTOMER_KEY}, as S3 echoes it. */
export const CUSTOMER_KEY_MD5 = createHash('md5').update(CUSTOMER_KEY).digest('base64');
/** The copy source: an SSE-S3 object in a bucket with no configuration. */
export const SOURCE_BUCKET = 'matrix-source';
export const SOURCE_KEY = 'source.bin';
export const SOURCE_BODY = bytes('copy source', 3000);
/** The minimum part size; a multipart cell writes one full part and a short last part. */
export const PART_SIZE = 5 * 1024 * 1024;
/** A range GET object: bigger than one 64 KiB encryption chunk; the range straddles the boundary. */
export const RANGE_OBJECT_SIZE = 100_000;
export const RANGE = { first: 65_000, last: 70_000 } as const;

/** What HEAD (and S3's other responses) report of an object's encryption, in S3's field names; absent fields are not sent. */
export interface Encryption {
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  SSECustomerAlgorithm?: string;
  SSECustomerKeyMD5?: string;
}

/** Deterministic bytes (a SHA-256 counter stream), so the CLI drivers and the test agree without shipping them around. */
export function bytes(seed: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let index = 0; blocks.length * 32 < length; index += 1) blocks.push(createHash('sha256').update(`${seed}/${index}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/** The bucket of a column. */
export function bucketOf(column: Column): string {
  return `matrix-${column.replace(/[:+]/g, '-').toLowerCase()}`;
}

/** The object key of a cell (unique within its column's bucket). */
export function keyOf(cell: Cell): string {
  return `${cell.operation.replace(/ /g, '-')}/${cell.row.replace(/[: ]/g, '-')}`;
}

/** A cell's name in test titles and logs. */
export function nameOf(cell: Cell): string {
  return `${cell.row} | bucket ${cell.column} | ${cell.operation}`;
}

/** The body a cell writes (for copy: what the copy reads back, the source). */
export function bodyOf(cell: Cell): Buffer {
  if (cell.operation === 'copy') return SOURCE_BODY;
  const size = cell.operation === 'multipart' ? PART_SIZE + 1234 : cell.operation === 'range GET' ? RANGE_OBJECT_SIZE : 1500;
  return bytes(nameOf(cell), size);
}

/** The request's encryption parameters in S3's field names (SSE-C: the raw key; clients encode it and add the MD5). */
export function requestParameters(row: Row, keys: MatrixKeys): Record<string, string> {
  switch (row) {
    case 'no header':
      return {};
    case 'AES256':
      return { ServerSideEncryption: 'AES256' };
    case 'aws:kms default key':
      return { ServerSideEncryption: 'aws:kms' };
    case 'aws:kms named key':
      return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keys.namedKeyArn };
    case 'aws:kms alias':
      return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: MATRIX_ALIAS };
    case 'SSE-C':
      return { SSECustomerAlgorithm: 'AES256', SSECustomerKey: CUSTOMER_KEY };
  }
}

/**
 * What S3 stores and reports: the request's encryption when it names one,
 * else the bucket default (none: SSE-S3). SSE-KMS reports the key's ARN (an
 * alias resolved; no key id: `aws/s3`); the bucket's BucketKeyEnabled
 * applies to every aws:kms write that does not set its own, and S3 sends
 * the header only when it is true. SSE-C reports algorithm and key MD5, no
 * `x-amz-server-side-encryption`.
 */
export function expectedEncryption(row: Row, column: Column, keys: MatrixKeys): Encryption {
  if (row === 'SSE-C') return { SSECustomerAlgorithm: 'AES256', SSECustomerKeyMD5: CUSTOMER_KEY_MD5 };
  const bucketKey: Encryption = column === 'aws:kms+bucket-key' ? { BucketKeyEnabled: true } : {};
  switch (row) {
    case 'AES256':
      return { ServerSideEncryption: 'AES256' };
    case 'aws:kms default key':
      return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keys.awsS3KeyArn, ...bucketKey };
    case 'aws:kms named key':
    case 'aws:kms alias':
      return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keys.namedKeyArn, ...bucketKey };
    case 'no header':
      return column === 'none' || column === 'AES256' ? { ServerSideEncryption: 'AES256' } : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keys.bucketDefaultKeyArn, ...bucketKey };
  }
}

/** The encryption fields of a response (SDK output, boto3 dict or aws-cli JSON). */
export function encryptionOf(response: object): Encryption {
  const fields = ['ServerSideEncryption', 'SSEKMSKeyId', 'BucketKeyEnabled', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5'] as const;
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (response as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) picked[field] = value;
  }
  return picked;
}

/** Every cell, row-major. */
export function allCells(): Cell[] {
  return ROWS.flatMap((row) => COLUMNS.flatMap((column) => OPERATIONS.map((operation) => ({ row, column, operation }))));
}

/**
 * Every row with every operation once, the bucket's column rotating so that
 * each row meets every column and each operation meets every column: 24
 * cells. For a client that pays a process start-up per call; the column is
 * the server's side of a cell (what the client sends does not change with
 * it), and the full matrix runs with the other clients.
 */
export function latinSquareCells(): Cell[] {
  return ROWS.flatMap((row, r) => OPERATIONS.map((operation, o) => ({ row, column: COLUMNS[(r + o) % COLUMNS.length]!, operation })));
}

/** The ETag S3 gives a single PUT: the body's MD5 for SSE-S3, opaque (not the MD5) for SSE-KMS and SSE-C. */
export function md5ETag(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}
