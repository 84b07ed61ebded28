import { S3Error } from '../s3/errors';
import { BoundedBytes } from './bounded-bytes';
import { parseFormPartHeaders, type FormPart } from './form-part-headers';

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const DASHES = Buffer.from('--');
const EMPTY = Buffer.alloc(0);
/** The most transport padding (spaces and tabs) accepted after a delimiter. */
const MAX_PADDING = 256;

function malformed(): S3Error {
  return new S3Error('MalformedPOSTRequest');
}

/**
 * A streaming reader of a `multipart/form-data` body (RFC 7578, framing of
 * RFC 2046): parts are read in order, each one's headers whole (up to a
 * limit) and its body as a stream of chunks, so a part as large as an object
 * never sits in memory. Reading pulls from the source only when asked,
 * which keeps the source's backpressure. Anything not well-formed is S3's
 * MalformedPOSTRequest; a limit exceeded throws what `tooLarge` makes.
 */
export class MultipartFormReader {
  readonly #source: AsyncIterator<Buffer>;
  /** `CRLF--boundary`: what ends every part's body (and the preamble). */
  readonly #delimiter: Buffer;
  readonly #tooLarge: () => Error;
  /** Bytes received and not yet consumed. It starts with a CRLF of its own, so that a body opening with the first delimiter needs no special case. */
  #buffer: Buffer = CRLF;
  #received = 0;
  #state: 'body' | 'delimiter' | 'end' = 'body';

  /**
   * @param source the body's bytes, in chunks of any size
   * @param boundary the `boundary` parameter of the body's Content-Type
   * @param tooLarge the error for a part header, a text field or a skipped body (the preamble) beyond its limit
   */
  constructor(source: AsyncIterable<Buffer>, boundary: string, tooLarge: () => Error) {
    this.#source = source[Symbol.asyncIterator]();
    this.#delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
    this.#tooLarge = tooLarge;
  }

  /** How many bytes of the body have been consumed (headers and bodies of the parts read so far). */
  get position(): number {
    return Math.max(0, this.#received - this.#buffer.length);
  }

  /**
   * The headers of the next part, or undefined after the last one. Whatever
   * was not read of the current part's body (or the preamble, before the
   * first part) is skipped, and counts toward `maxBytes`.
   * @param maxBytes the most bytes this may consume: what it skips, the delimiter, and the part's header block
   */
  async next(maxBytes: number): Promise<FormPart | undefined> {
    const limit = this.position + maxBytes;
    if (this.#state === 'body') await this.#skipBody(limit);
    if (this.#state === 'end' || !(await this.#openPart())) return undefined;
    return this.#headers(limit - this.position);
  }

  /** The current part's body, chunk by chunk; stopping early leaves the rest for {@link next} to skip. */
  body(): AsyncGenerator<Buffer> {
    if (this.#state !== 'body') throw new Error('no part body to read');
    return this.#body();
  }

  /** The current part's body as UTF-8 text, of at most `limit` bytes. */
  async text(limit: number): Promise<string> {
    const collected = new BoundedBytes(limit);
    for await (const chunk of this.body()) if (!collected.add(chunk)) throw this.#tooLarge();
    return collected.bytes().toString('utf8');
  }

  /**
   * Reads the source to its end, discarding it: the parts after the ones
   * wanted, and the epilogue. More than `maxBytes` of them is
   * MalformedPOSTRequest, so that what a form may send after its file is
   * bounded too.
   */
  async drain(maxBytes: number): Promise<void> {
    const limit = this.position + maxBytes;
    this.#state = 'end';
    do {
      this.#buffer = EMPTY;
      if (this.#received > limit) throw malformed();
    } while (await this.#pull());
  }

  /** Appends the next chunk of the source; false when it has ended. */
  async #pull(): Promise<boolean> {
    const next = await this.#source.next();
    if (next.done === true) return false;
    this.#received += next.value.length;
    this.#buffer = this.#buffer.length === 0 ? next.value : Buffer.concat([this.#buffer, next.value]);
    return true;
  }

  async #require(bytes: number): Promise<void> {
    while (this.#buffer.length < bytes) if (!(await this.#pull())) throw malformed();
  }

  /**
   * Yields a body up to the next delimiter. Bytes that could be the start
   * of a delimiter split across chunks are held back until the next chunk
   * shows whether they are.
   */
  async *#body(): AsyncGenerator<Buffer> {
    for (;;) {
      const at = this.#buffer.indexOf(this.#delimiter);
      if (at >= 0) {
        const data = this.#buffer.subarray(0, at);
        this.#buffer = this.#buffer.subarray(at + this.#delimiter.length);
        this.#state = 'delimiter';
        if (data.length > 0) yield data;
        return;
      }
      const ready = this.#buffer.length - Math.min(this.#buffer.length, this.#delimiter.length - 1);
      if (ready > 0) {
        const data = this.#buffer.subarray(0, ready);
        this.#buffer = this.#buffer.subarray(ready);
        yield data;
      }
      if (!(await this.#pull())) throw malformed();
    }
  }

  /** Skips the rest of a body (or the preamble); the tooLarge error once the position passes `limit`. */
  async #skipBody(limit: number): Promise<void> {
    const body = this.#body();
    while ((await body.next()).done !== true) if (this.position > limit) throw this.#tooLarge();
  }

  /** After a delimiter: `--` closes the body (false); else optional padding and a CRLF open a part (true). */
  async #openPart(): Promise<boolean> {
    await this.#require(DASHES.length);
    if (this.#buffer.subarray(0, DASHES.length).equals(DASHES)) {
      this.#state = 'end';
      return false;
    }
    for (;;) {
      const end = this.#buffer.indexOf(CRLF);
      if (end >= 0) {
        if (!/^[ \t]*$/.test(this.#buffer.toString('latin1', 0, end))) throw malformed();
        this.#buffer = this.#buffer.subarray(end + CRLF.length);
        return true;
      }
      if (this.#buffer.length > MAX_PADDING || !(await this.#pull())) throw malformed();
    }
  }

  async #headers(maxHeaderBytes: number): Promise<FormPart> {
    for (;;) {
      await this.#require(CRLF.length);
      if (this.#buffer.subarray(0, CRLF.length).equals(CRLF)) throw malformed();
      const end = this.#buffer.indexOf(HEADER_END);
      if (end > maxHeaderBytes || (end < 0 && this.#buffer.length > maxHeaderBytes)) throw this.#tooLarge();
      if (end >= 0) {
        const block = this.#buffer.toString('utf8', 0, end);
        this.#buffer = this.#buffer.subarray(end + HEADER_END.length);
        this.#state = 'body';
        return parseFormPartHeaders(block);
      }
      if (!(await this.#pull())) throw malformed();
    }
  }
}
