import { randomBytes } from 'node:crypto';

/** A source of random bytes; a parameter of everything that draws keys or nonces. */
export interface Random {
  bytes(length: number): Uint8Array;
}

/** The operating system's CSPRNG. */
export const systemRandom: Random = {
  bytes: (length) => randomBytes(length),
};
