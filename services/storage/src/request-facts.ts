import type { policyV1 } from '@strongroom/contracts';
import { crossedNetworkInClear, peerAddress, type CallTransport } from '@strongroom/grpc';

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
 * The keys only a front end states, for its client: the connection the
 * request came on, and how it was signed (SigV4 header or query, the
 * signature's age, the payload hash). A caller that is the client itself
 * signed nothing SigV4 and gets its connection's from storage's side of it.
 */
const FRONT_END_KEYS: ReadonlySet<string> = new Set([
  'aws:SourceIp',
  'aws:SecureTransport',
  's3:TlsVersion',
  's3:signatureversion',
  's3:authType',
  's3:signatureAge',
  's3:x-amz-content-sha256',
]);

/**
 * The condition keys of a request as storage takes them from its caller:
 * only {@link STATED_KEYS}, given in any case and kept in their own. A
 * credential that may act for every account (a front end such as the
 * gateway) states the client's connection and signature. Any other caller
 * is the client itself, so none of its {@link FRONT_END_KEYS} are taken:
 * it signed no SigV4 request (a policy's conditions on the signature see
 * them absent), and its connection's come from its own gRPC connection:
 * `aws:SourceIp` is its peer's address (none when that is not an IP
 * address), and `aws:SecureTransport` is true unless the call crossed the
 * network in the clear ({@link crossedNetworkInClear}): it is true over a
 * TLS API port, or from a loopback address. Without TLS, a call from
 * another host is not secure: policies that require TLS deny it, and SSE-C
 * and SSE-KMS refuse it, as S3 refuses them over HTTP.
 */
export function statedContext(
  given: Readonly<Record<string, policyV1.ContextValue>>,
  caller: CallTransport & { readonly vouchesForClients: boolean },
): Record<string, policyV1.ContextValue> {
  const context: Record<string, policyV1.ContextValue> = {};
  for (const [key, value] of Object.entries(given)) {
    const stated = STATED_KEYS_BY_LOWER.get(key.toLowerCase());
    if (stated === undefined || (FRONT_END_KEYS.has(stated) && !caller.vouchesForClients)) continue;
    context[stated] = value;
  }
  if (!caller.vouchesForClients) {
    const address = peerAddress(caller.peer);
    if (address !== undefined) context['aws:SourceIp'] = { values: [address] };
    context['aws:SecureTransport'] = { values: [String(!crossedNetworkInClear(caller))] };
  }
  return context;
}
