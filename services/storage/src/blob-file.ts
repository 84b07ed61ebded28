import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

/** What is left of `chunks` once their first `written` bytes are on the file. */
function unwritten(chunks: readonly Buffer[], written: number): Buffer[] {
  const left: Buffer[] = [];
  let skip = written;
  for (const chunk of chunks) {
    if (skip >= chunk.length) skip -= chunk.length;
    else {
      left.push(skip === 0 ? chunk : chunk.subarray(skip));
      skip = 0;
    }
  }
  return left;
}

/**
 * A Writable onto an open file that fsyncs before it finishes, so that a
 * pipeline into it resolves only once every byte is durable. It never
 * closes the file: its owner does.
 */
export class DurableFileWritable extends Writable {
  readonly #file: FileHandle;
  #written = 0;

  constructor(file: FileHandle) {
    super({ highWaterMark: 1024 * 1024 });
    this.#file = file;
  }

  /** Bytes written so far. */
  get written(): number {
    return this.#written;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#writeAll([chunk]).then(() => callback(), callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.#writeAll(chunks.map(({ chunk }) => chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#file.sync().then(() => callback(), callback);
  }

  /**
   * Writes every byte of `chunks`. A write may take fewer bytes than it was
   * given (a disk filling up takes what fits and reports no error); the
   * rest is written again, which then fails with the reason (ENOSPC, EDQUOT,
   * EFBIG) instead of leaving a file cut short.
   */
  async #writeAll(chunks: readonly Buffer[]): Promise<void> {
    let pending = chunks.filter((chunk) => chunk.length > 0);
    while (pending.length > 0) {
      const { bytesWritten } = await this.#file.writev(pending);
      if (bytesWritten === 0) throw new Error('the file took none of the bytes written to it');
      this.#written += bytesWritten;
      pending = unwritten(pending, bytesWritten);
    }
  }
}
