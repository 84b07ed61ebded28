import { networkInterfaces } from 'node:os';

/**
 * An IPv4 address of this machine beyond loopback, to reach a server bound
 * to 0.0.0.0 as another host would (its peer is then not a loopback
 * address); undefined when the machine has none.
 */
export function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && !address.internal && address.family === 'IPv4')?.address;
}
