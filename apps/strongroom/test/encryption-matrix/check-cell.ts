import { createHash } from 'node:crypto';
import { PART_SIZE, RANGE, bodyOf, encryptionOf, expectedEncryption, md5ETag, type Cell, type Encryption, type MatrixKeys } from './matrix-cells';

/** One response of a call that wrote (PutObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload, CopyObject), in S3's field names. */
export interface WriteResponse {
  readonly call: string;
  readonly response: Record<string, unknown>;
}

/** What a client saw running one cell, whatever the client. */
export interface CellRun {
  /** The responses of the writing calls, in order (none when a high-level client hid them). */
  readonly writes: readonly WriteResponse[];
  /** HeadObject's response. */
  readonly head: Record<string, unknown>;
  /** GetObject's response (ranged for range GET cells) and the bytes it returned. */
  readonly get: { readonly response: Record<string, unknown>; readonly body: Buffer };
}

/** S3's CompleteMultipartUpload response has no SSE-C fields (the clients' models drop them). */
function expectedFor(call: string, expected: Encryption): Encryption {
  if (call !== 'CompleteMultipartUpload') return expected;
  const rest: Encryption = { ...expected };
  delete rest.SSECustomerAlgorithm;
  delete rest.SSECustomerKeyMD5;
  return rest;
}

/** S3's multipart ETag of an SSE-S3 object: the MD5 of the parts' MD5s, and the part count. */
function multipartETag(body: Buffer): string {
  const parts = [body.subarray(0, PART_SIZE), body.subarray(PART_SIZE)].map((part) => createHash('md5').update(part).digest());
  return `"${createHash('md5').update(Buffer.concat(parts)).digest('hex')}-${parts.length}"`;
}

/**
 * Checks a cell as S3 would answer it: every write response, HEAD and GET
 * report the expected encryption; GET returns the bytes (for range GET the
 * range, with its Content-Range); a single PUT's ETag is the MD5 only for
 * SSE-S3, and a multipart ETag the MD5 of the parts' MD5s only for SSE-S3.
 */
export function checkCell(cell: Cell, run: CellRun, keys: MatrixKeys): void {
  const expected = expectedEncryption(cell.row, cell.column, keys);
  const body = bodyOf(cell);
  for (const write of run.writes) expect({ call: write.call, encryption: encryptionOf(write.response) }).toEqual({ call: write.call, encryption: expectedFor(write.call, expected) });
  expect({ call: 'HeadObject', encryption: encryptionOf(run.head), length: Number(run.head.ContentLength) }).toEqual({ call: 'HeadObject', encryption: expected, length: body.length });
  expect({ call: 'GetObject', encryption: encryptionOf(run.get.response) }).toEqual({ call: 'GetObject', encryption: expected });
  const wanted = cell.operation === 'range GET' ? body.subarray(RANGE.first, RANGE.last + 1) : body;
  expect(run.get.body.length).toBe(wanted.length);
  expect(run.get.body.equals(wanted)).toBe(true);
  if (cell.operation === 'range GET') expect(run.get.response.ContentRange).toBe(`bytes ${RANGE.first}-${RANGE.last}/${body.length}`);
  const put = run.writes.find((write) => write.call === 'PutObject');
  if (put !== undefined) {
    const etag = put.response.ETag;
    if (expected.ServerSideEncryption === 'AES256') expect(etag).toBe(md5ETag(body));
    else expect(etag).not.toBe(md5ETag(body));
  }
  if (cell.operation === 'multipart') {
    const etag = run.head.ETag;
    expect(etag).toMatch(/^"[0-9a-f]{32}-2"$/);
    if (expected.ServerSideEncryption === 'AES256') expect(etag).toBe(multipartETag(body));
    else expect(etag).not.toBe(multipartETag(body));
  }
}
