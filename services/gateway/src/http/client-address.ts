import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Where a request really came from, as policies see it (`aws:SourceIp`, `aws:SecureTransport`). */
export interface ClientOrigin {
  /**
   * The client's IP address (IPv4-mapped IPv6 addresses as plain IPv4);
   * undefined when a trusted proxy vouched for a client it could not give
   * an address of (`X-Forwarded-For: unknown`), so that no address
   * condition of a policy takes the request for the proxy's own.
   */
  readonly sourceIp: string | undefined;
  /** True when the client's own connection used TLS. */
  readonly secure: boolean;
}

/** The proxies allowed to vouch for the client's address and scheme. */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly #empty: boolean;

  /**
   * `entries` are CIDRs (`10.0.0.0/8`, `fd00::/8`) or single addresses.
   * Throws on anything else, naming the entry.
   */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`not an IP address or CIDR: ${entry}`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) {
        this.#list.addAddress(address, type);
        continue;
      }
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
      if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) throw new Error(`not an IP address or CIDR: ${entry}`);
      this.#list.addSubnet(address, bits, type);
    }
    this.#empty = entries.length === 0;
  }

  /** Parses a comma-separated list (`STRONGROOM_GATEWAY_TRUSTED_PROXIES`). */
  static parse(list: string): TrustedProxies {
    return new TrustedProxies(
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    );
  }

  /** True when `address` is one of the trusted proxies. */
  trusts(address: string): boolean {
    if (this.#empty) return false;
    const plain = normalizeAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.#list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Strips the IPv4-mapped prefix (`::ffff:10.0.0.1` → `10.0.0.1`) and IPv6 brackets. */
export function normalizeAddress(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : value ?? '';
  return joined
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An X-Forwarded-For hop's address: a bare address, or one with a port (`1.2.3.4:5555`, `[2001:db8::7]:5555`) as some proxies write it; undefined for anything else (`unknown`, an obfuscated name). */
function hopAddress(hop: string): string | undefined {
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop) ?? /^\[([^\]]+)\]:\d{1,5}$/.exec(hop);
  const address = normalizeAddress(withPort?.[1] ?? hop);
  return isIP(address) === 0 ? undefined : address;
}

/**
 * The client's origin. Only when the peer is a trusted proxy are
 * `X-Forwarded-For` and `X-Forwarded-Proto` believed: the client is the
 * rightmost X-Forwarded-For address that is not itself a trusted proxy (a
 * client can prepend anything, but not what the proxies append), unknown
 * when that hop is not an address. The scheme is the X-Forwarded-Proto
 * value of the client's own hop: proxies that append it write one value per
 * hop, right-aligned with X-Forwarded-For, so in `http, https` (a
 * plain-HTTP client, then a TLS hop between proxies) the client's is
 * `http`, and values a client wrote further left count for nothing. With
 * fewer values than hops (proxies that overwrite the header, or pass on the
 * edge's), the leftmost is the one nearest the client. A trusted proxy that
 * names no client is the client; one that sends no X-Forwarded-Proto
 * vouches for no scheme, and its own connection's counts.
 */
export function clientOrigin(
  peerAddress: string | undefined,
  peerTls: boolean,
  forwardedFor: string | string[] | undefined,
  forwardedProto: string | string[] | undefined,
  proxies: TrustedProxies,
): ClientOrigin {
  const peer = normalizeAddress(peerAddress ?? '');
  if (!proxies.trusts(peer)) return { sourceIp: peer, secure: peerTls };
  let sourceIp: string | undefined = peer;
  let hops = 0;
  for (const hop of headerList(forwardedFor).reverse()) {
    hops++;
    sourceIp = hopAddress(hop);
    if (sourceIp === undefined || !proxies.trusts(sourceIp)) break;
  }
  const protos = headerList(forwardedProto);
  if (protos.length === 0) return { sourceIp, secure: peerTls };
  const clients = protos[Math.max(protos.length - Math.max(hops, 1), 0)] ?? '';
  return { sourceIp, secure: clients.toLowerCase() === 'https' };
}

/** The origin of `req` ({@link clientOrigin}) from its socket and forwarding headers. */
export function requestOrigin(req: IncomingMessage, proxies: TrustedProxies): ClientOrigin {
  const socket = req.socket as Partial<TLSSocket>;
  return clientOrigin(req.socket.remoteAddress, socket.encrypted === true, req.headers['x-forwarded-for'], req.headers['x-forwarded-proto'], proxies);
}
