/** The least a {@link BoundedBytes} grows to once it holds anything. */
const MIN_CAPACITY = 1024;

/**
 * Bytes collected into one buffer, up to a limit. A body sent as many tiny
 * pieces (one byte per HTTP chunk) would cost a Buffer object per piece if
 * the pieces were kept: a 2 MiB body, close to a gigabyte. Here it costs
 * about its own size, whatever the client announced or how it split it.
 */
export class BoundedBytes {
  #held = Buffer.alloc(0);
  #size = 0;

  constructor(private readonly limit: number) {}

  /** Appends `chunk`; false, keeping nothing of it, when that would pass the limit. */
  add(chunk: Buffer): boolean {
    const size = this.#size + chunk.length;
    if (size > this.limit) return false;
    if (size > this.#held.length) {
      // Unfilled memory is fine: only the bytes written are ever read (bytes()).
      const grown = Buffer.allocUnsafe(Math.min(this.limit, Math.max(size, this.#held.length * 2, MIN_CAPACITY)));
      this.#held.copy(grown, 0, 0, this.#size);
      this.#held = grown;
    }
    chunk.copy(this.#held, this.#size);
    this.#size = size;
    return true;
  }

  /** The bytes collected so far. */
  bytes(): Buffer {
    return this.#held.subarray(0, this.#size);
  }
}
