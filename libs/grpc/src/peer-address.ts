import { isIP } from 'node:net';

/**
 * The client address of a gRPC peer as grpc-js names it (`10.1.2.3:5555`,
 * `::1:5555`; an IPv4-mapped IPv6 address as IPv4); undefined when it is
 * not an IP address and port (a Unix socket, `unknown`).
 */
export function peerAddress(peer: string): string | undefined {
  const colon = peer.lastIndexOf(':');
  if (colon < 0 || !/^\d+$/.test(peer.slice(colon + 1))) return undefined;
  const address = peer.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  if (isIP(address) === 0) return undefined;
  return address.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1');
}

/** True for a loopback address (127.0.0.0/8, ::1): a connection that never left the machine. */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
}
