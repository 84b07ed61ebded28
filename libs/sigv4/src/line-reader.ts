/** Thrown by {@link LineReader} when a line grows past its limit. */
export class LineTooLongError extends Error {
  constructor(limit: number) {
    super(`line longer than ${limit} bytes`);
    this.name = 'LineTooLongError';
  }
}

/**
 * Collects one line of a byte stream that may arrive split across any number
 * of writes. A line ends at `\n`; one `\r` before it is dropped (aws-chunked
 * lines end in CRLF, and AWS's own examples are not always strict).
 */
export class LineReader {
  readonly #limit: number;
  #parts: Buffer[] = [];
  #length = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** True when part of a line has been read and not yet returned. */
  get pending(): boolean {
    return this.#length > 0;
  }

  /**
   * Reads from `input` at `offset`. Returns the completed line (latin1, without
   * its line ending) and the offset after it, or `line: undefined` with the
   * whole input consumed when the line continues in a later write.
   */
  read(input: Buffer, offset: number): { line: string | undefined; next: number } {
    const end = input.indexOf(0x0a, offset);
    const stop = end < 0 ? input.length : end;
    this.#length += stop - offset;
    if (this.#length > this.#limit) throw new LineTooLongError(this.#limit);
    this.#parts.push(input.subarray(offset, stop));
    if (end < 0) return { line: undefined, next: input.length };
    const line = Buffer.concat(this.#parts).toString('latin1');
    this.#parts = [];
    this.#length = 0;
    return { line: line.endsWith('\r') ? line.slice(0, -1) : line, next: end + 1 };
  }
}
