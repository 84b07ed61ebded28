import { isLoopback, peerAddress } from './peer-address';

/** How a call reached the server: its peer as grpc-js names it, and whether the API port it came to serves TLS. */
export interface CallTransport {
  readonly peer: string;
  readonly servedOverTls: boolean;
}

/**
 * True when a call crossed the network in the clear: it came to an API
 * port without TLS from a peer that is not on a loopback address (one that
 * is not an IP address counts as remote). A call over TLS, or from
 * loopback, whose connection never left the machine, did not.
 */
export function crossedNetworkInClear(transport: CallTransport): boolean {
  if (transport.servedOverTls) return false;
  const address = peerAddress(transport.peer);
  return address === undefined || !isLoopback(address);
}
