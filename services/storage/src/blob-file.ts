import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

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
    this.#file.write(chunk).then(({ bytesWritten }) => {
      this.#written += bytesWritten;
      callback();
    }, callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.#file.writev(chunks.map(({ chunk }) => chunk)).then(({ bytesWritten }) => {
      this.#written += bytesWritten;
      callback();
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#file.sync().then(() => callback(), callback);
  }
}
