import type { policyV1 } from '@strongroom/contracts';
import { isIP } from 'node:net';

/**
 * The condition keys a caller may state about its request: what only the
 * front end that received it knows (where it came from, how it was
 * carried and signed). Every other key a caller sends is dropped:
 * principal and organisation facts (`aws:PrincipalOrgID`,
 * `aws:PrincipalTag/...`), network paths (`aws:SourceVpce`), service facts
 * (`aws:SourceAccount`, `aws:SourceArn`) are nothing a caller can vouch
 * for, and a bucket policy that grants everyone on such a condition is not
 * public, so Block Public Access lets it stand. The keys of what a write
 * asks for (`s3:x-amz-acl`, `s3:x-amz-server-side-encryption...`,
 * `s3:x-amz-storage-class`, `s3:x-amz-metadata-directive`) are storage's
 * to derive from the request itself, and absent where S3 has none (a GET,
 * a listing), as are `s3:prefix`, `s3:VersionId`, `s3:x-amz-copy-source`,
 * tags and time.
 */
const STATED_KEYS = [
  'aws:SourceIp',
  'aws:SecureTransport',
  'aws:UserAgent',
  'aws:Referer',
  's3:TlsVersion',
  's3:signatureversion',
  's3:authType',
  's3:signatureAge',
  's3:x-amz-content-sha256',
];
/** Each of them by its lower-cased name (condition key names are case-insensitive), to its spelling above. */
const STATED_KEYS_BY_LOWER: ReadonlyMap<string, string> = new Map(STATED_KEYS.map((key) => [key.toLowerCase(), key]));

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

/**
 * The condition keys of a request as storage takes them from its caller:
 * only {@link STATED_KEYS}, given in any case and kept in their own. A credential that may act for
 * every account (a front end such as the gateway) states the client's
 * address; any other caller is the client itself, so `aws:SourceIp` is its
 * own gRPC peer's address (none when that is not an IP address).
 */
export function statedContext(
  given: Readonly<Record<string, policyV1.ContextValue>>,
  caller: { readonly vouchesForClients: boolean; readonly peer: string },
): Record<string, policyV1.ContextValue> {
  const context: Record<string, policyV1.ContextValue> = {};
  for (const [key, value] of Object.entries(given)) {
    const stated = STATED_KEYS_BY_LOWER.get(key.toLowerCase());
    if (stated === undefined || (stated === 'aws:SourceIp' && !caller.vouchesForClients)) continue;
    context[stated] = value;
  }
  if (!caller.vouchesForClients) {
    const address = peerAddress(caller.peer);
    if (address !== undefined) context['aws:SourceIp'] = { values: [address] };
  }
  return context;
}
