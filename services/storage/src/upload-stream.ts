import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { wipeCustomerKeys } from './customer-key';

/** One message of an upload stream (PutObject or UploadPart): a header, data, or a trailer. */
export interface UploadMessage<Header> {
  part?: { $case: 'header'; value: Header } | { $case: 'data'; value: Buffer } | { $case: 'trailer'; value: storageV1.PutObjectTrailer } | undefined;
}

/** What an upload stream's header may ask of the service (headers before the data: `confirm_before_data`), and where it may carry an SSE-C key. */
interface UploadHeader {
  readonly confirmBeforeData: boolean;
  /** UploadPart's SSE-C key. */
  readonly customerKey?: storageV1.CustomerKey | undefined;
  /** PutObject's options, which hold its SSE-C key. */
  readonly options?: { readonly customerKey?: storageV1.CustomerKey | undefined } | undefined;
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
 * The next message of `messages`, or REQUEST_TIMEOUT when none comes
 * within `idleTimeoutMs`. Only the wait counts: the time the handler takes
 * between reads (writing, committing) does not.
 */
async function nextWithin<Message>(messages: AsyncIterator<Message>, idleTimeoutMs: number): Promise<IteratorResult<Message>> {
  const next = messages.next();
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DomainError(ErrorReason.REQUEST_TIMEOUT, `the upload sent nothing for ${idleTimeoutMs} ms`)), idleTimeoutMs);
  });
  next.catch(() => undefined);
  try {
    return await Promise.race([next, idle]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the header message that must open an upload stream, and returns
 * the rest as data then at most one trailer, which must be last
 * (INVALID_ARGUMENT otherwise). When the header asks for it, the first
 * read of the data first calls `acceptData`: every check before the data
 * has passed by then, so the caller may let its client send the body. A
 * stream that sends nothing for `idleTimeoutMs` fails with REQUEST_TIMEOUT,
 * so a silent client cannot hold a temporary blob and its file open.
 */
export async function openUploadStream<Header extends UploadHeader>(
  requests: AsyncIterable<UploadMessage<Header>>,
  acceptData: () => void,
  idleTimeoutMs: number,
): Promise<UploadStream<Header>> {
  const messages = requests[Symbol.asyncIterator]();
  const first = await nextWithin(messages, idleTimeoutMs);
  const opening = first.done === true ? undefined : first.value.part;
  if (opening?.$case !== 'header') throw invalidArgument('header', 'the stream must start with a header message');
  let trailer: storageV1.PutObjectTrailer | undefined;
  const header = opening.value;
  async function* data(): AsyncGenerator<Uint8Array> {
    if (header.confirmBeforeData) acceptData();
    for (let next = await nextWithin(messages, idleTimeoutMs); next.done !== true; next = await nextWithin(messages, idleTimeoutMs)) {
      const part = next.value.part;
      if (trailer !== undefined) throw invalidArgument('trailer', 'must be the last message');
      if (part?.$case === 'data') yield part.value;
      else if (part?.$case === 'trailer') trailer = part.value;
      else if (part?.$case === 'header') {
        wipeCustomerKeys(part.value.customerKey, part.value.options?.customerKey);
        throw invalidArgument('part', 'only the first message is a header; then data, then at most one trailer');
      }
      else throw invalidArgument('part', 'a message sets none of header, data and trailer');
    }
  }
  return { header, data: data(), trailer: () => trailer };
}
