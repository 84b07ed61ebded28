import type { storageV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';

/** One message of an upload stream (PutObject or UploadPart): a header, data, or a trailer. */
export interface UploadMessage<Header> {
  part?: { $case: 'header'; value: Header } | { $case: 'data'; value: Buffer } | { $case: 'trailer'; value: storageV1.PutObjectTrailer } | undefined;
}

/** What an upload stream's header may ask of the service: headers before the data (`confirm_before_data`). */
interface UploadHeader {
  readonly confirmBeforeData: boolean;
}

/** An upload stream read in order: its header first, then its data, then (once the data ended) its trailer. */
export interface UploadStream<Header> {
  readonly header: Header;
  /** The data messages; ends at the end of the stream. */
  readonly data: AsyncIterable<Uint8Array>;
  /** The trailer, once {@link data} has ended; undefined when there was none. */
  trailer(): storageV1.PutObjectTrailer | undefined;
}

/**
 * Reads the header message that must open an upload stream, and returns
 * the rest as data then at most one trailer, which must be last
 * (INVALID_ARGUMENT otherwise). When the header asks for it, the first
 * read of the data first calls `acceptData`: every check before the data
 * has passed by then, so the caller may let its client send the body.
 */
export async function openUploadStream<Header extends UploadHeader>(requests: AsyncIterable<UploadMessage<Header>>, acceptData: () => void): Promise<UploadStream<Header>> {
  const messages = requests[Symbol.asyncIterator]();
  const first = await messages.next();
  const opening = first.done === true ? undefined : first.value.part;
  if (opening?.$case !== 'header') throw invalidArgument('header', 'the stream must start with a header message');
  let trailer: storageV1.PutObjectTrailer | undefined;
  const header = opening.value;
  async function* data(): AsyncGenerator<Uint8Array> {
    if (header.confirmBeforeData) acceptData();
    for (let next = await messages.next(); next.done !== true; next = await messages.next()) {
      const part = next.value.part;
      if (trailer !== undefined) throw invalidArgument('trailer', 'must be the last message');
      if (part?.$case === 'data') yield part.value;
      else if (part?.$case === 'trailer') trailer = part.value;
      else throw invalidArgument('part', 'only the first message is a header; then data, then at most one trailer');
    }
  }
  return { header, data: data(), trailer: () => trailer };
}
