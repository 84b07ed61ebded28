import { parseChecksumAlgorithm } from '@strongroom/checksums';
import { DATA_ACCEPTED_HEADER, dataMessagePayloads, type storageV1 } from '@strongroom/contracts';
import type { BodyDecoder, TrailingChecksum } from '@strongroom/sigv4';
import type { CallOptions } from 'nice-grpc';
import { transferEncodingNotImplemented, type RequestBody } from '../http/request-body';
import { toApiChecksum } from './checksum-headers';
import { S3Error } from './errors';

/** Bytes per data message to the storage service: large enough that the hop costs little per byte, small enough to stream. */
export const UPLOAD_MESSAGE_BYTES = 512 * 1024;

/**
 * How long bytes of a slow upload wait for the rest of their message
 * before they go as a smaller one: the storage service fails an upload
 * that sends it nothing for a minute, and a client at a few KB/s that S3
 * (and the gateway's body timeout) would serve must not look silent.
 */
const UPLOAD_FLUSH_AFTER_MS = 1_000;

/** A message of a PutObject or UploadPart stream with header type `H`. */
export interface UploadMessage<H> {
  part?: { $case: 'header'; value: H } | { $case: 'data'; value: Buffer } | { $case: 'trailer'; value: storageV1.PutObjectTrailer };
}

/**
 * The payload length a streamed write announces; without one, S3's answers:
 * NotImplemented naming Transfer-Encoding for a plain chunked body (aws-chunked
 * announces its decoded length), MissingContentLength otherwise.
 */
export function uploadLength(body: RequestBody): number {
  const length = body.length;
  if (length === undefined) throw body.chunked ? transferEncodingNotImplemented() : new S3Error('MissingContentLength');
  return length;
}

/**
 * Opens the request body for a streamed write to the storage service. The
 * trailing checksum, if any, is left to the storage service to verify (it
 * computes that checksum anyway, to store it).
 */
export function openUploadBody(body: RequestBody): BodyDecoder {
  return body.open({ checksums: () => undefined });
}

/** A body to stream to the storage service: its bytes, then the trailing checksum the client sent with them, if any. */
export type UploadBody = AsyncIterable<Buffer> & { readonly checksum?: TrailingChecksum | undefined };

/**
 * The messages of a streamed write: the header, the body (opened only once
 * `accepted` says the storage service wants it) regrouped into large data
 * messages, then the trailing checksum when the client sent one. If the
 * body fails (bad signature, short body, wrong hash) the iteration throws,
 * the gRPC call is cancelled, and nothing is stored.
 */
async function* uploadMessages<H>(header: H, openBody: () => UploadBody, accepted: Promise<boolean>): AsyncGenerator<UploadMessage<H>> {
  yield { part: { $case: 'header', value: header } };
  if (!(await accepted)) return;
  const body = openBody();
  for await (const data of dataMessagePayloads(body, UPLOAD_MESSAGE_BYTES, { flushAfterMs: UPLOAD_FLUSH_AFTER_MS })) yield { part: { $case: 'data', value: data } };
  const trailer = body.checksum;
  if (trailer !== undefined) {
    const algorithm = parseChecksumAlgorithm(trailer.algorithm);
    if (algorithm !== undefined) yield { part: { $case: 'trailer', value: { checksum: toApiChecksum(algorithm, trailer.value) } } };
  }
}

/** A client-streaming storage call (PutObject, UploadPart) with its call options. */
export type UploadCall<H, R> = (messages: AsyncIterable<UploadMessage<H>>, options: CallOptions) => Promise<R>;

/**
 * Streams a write to the storage service. With `confirmBeforeData` set in
 * the header (the client sent `Expect: 100-continue`), the body is opened,
 * and so `100 Continue` sent, only once the service's response headers say
 * the write is authorized and wanted: a refused upload is answered before
 * the client sends a byte. Otherwise the body streams right behind the
 * header.
 */
export async function streamUpload<H extends { readonly confirmBeforeData: boolean }, R>(send: UploadCall<H, R>, header: H, openBody: () => UploadBody): Promise<R> {
  if (!header.confirmBeforeData) return send(uploadMessages(header, openBody, ALWAYS), {});
  let settle: (accepted: boolean) => void = () => undefined;
  const accepted = new Promise<boolean>((resolve) => (settle = resolve));
  try {
    return await send(uploadMessages(header, openBody, accepted), { onHeader: (headers) => settle(headers.has(DATA_ACCEPTED_HEADER)) });
  } finally {
    settle(false);
  }
}

/** The acceptance of a write that waits for none. */
const ALWAYS = Promise.resolve(true);
