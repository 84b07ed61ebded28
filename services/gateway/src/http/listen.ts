import { StartRefused } from '@strongroom/config';
import type { AddressInfo, Server } from 'node:net';

/**
 * Listens on `host:port` (an IPv6 host in brackets), or fails naming the
 * address and what it was for, as the gRPC services do: Node says only
 * "listen EADDRINUSE". Resolves to the port bound (for port 0).
 */
export function listenOn(server: Server, address: string, purpose: string): Promise<number> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the address is in use by another process' : error.message;
      reject(new StartRefused(`cannot listen on ${address} for ${purpose}: ${reason}`, { cause: error }));
    };
    server.once('error', failed);
    server.listen(Number(address.slice(colon + 1)), host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
