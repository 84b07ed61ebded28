import { parseChecksumAlgorithm } from '@strongroom/checksums';
import type { storageV1 } from '@strongroom/contracts';
import type { BodyDecoder } from '@strongroom/sigv4';
import { regroup, type RequestBody } from '../http/request-body';
import { toApiChecksum } from './checksum-headers';
import { S3Error } from './errors';

/** Bytes per data message to the storage service: large enough that the hop costs little per byte, small enough to stream. */
export const UPLOAD_MESSAGE_BYTES = 512 * 1024;

/** A message of a PutObject or UploadPart stream with header type `H`. */
export interface UploadMessage<H> {
  part?: { $case: 'header'; value: H } | { $case: 'data'; value: Buffer } | { $case: 'trailer'; value: storageV1.PutObjectTrailer };
}

/** The payload length a streamed write announces; MissingContentLength when the client announced none. */
export function uploadLength(body: RequestBody): number {
  const length = body.length;
  if (length === undefined) throw new S3Error('MissingContentLength');
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

/**
 * The messages of a streamed write: the header, the decoded body regrouped
 * into large data messages, then the trailing checksum when the client sent
 * one. If the body fails (bad signature, short body, wrong hash) the
 * iteration throws, the gRPC call is cancelled, and nothing is stored.
 */
export async function* uploadMessages<H>(header: H, decoder: BodyDecoder): AsyncGenerator<UploadMessage<H>> {
  yield { part: { $case: 'header', value: header } };
  for await (const data of regroup(decoder as AsyncIterable<Buffer>, UPLOAD_MESSAGE_BYTES)) yield { part: { $case: 'data', value: data } };
  const trailer = decoder.checksum;
  if (trailer !== undefined) {
    const algorithm = parseChecksumAlgorithm(trailer.algorithm);
    if (algorithm !== undefined) yield { part: { $case: 'trailer', value: { checksum: toApiChecksum(algorithm, trailer.value) } } };
  }
}
