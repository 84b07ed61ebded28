import type { policyV1 } from '@strongroom/contracts';
import type { VerifiedRequest } from '@strongroom/sigv4';
import type { IncomingHttpHeaders } from 'node:http';
import type { ClientOrigin } from '../http/client-address';

/** Request headers whose values policies may condition on as `s3:<header>`. */
const HEADER_KEYS = [
  'x-amz-acl',
  'x-amz-grant-read',
  'x-amz-grant-write',
  'x-amz-grant-read-acp',
  'x-amz-grant-write-acp',
  'x-amz-grant-full-control',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-customer-algorithm',
  'x-amz-copy-source',
  'x-amz-metadata-directive',
  'x-amz-storage-class',
];

/** What the condition keys are computed from. */
export interface ContextInput {
  readonly origin: ClientOrigin;
  readonly verified: VerifiedRequest<unknown>;
  readonly headers: IncomingHttpHeaders;
  /** The negotiated TLS version (`TLSv1.3`), when the client's own connection is TLS. */
  readonly tlsProtocol: string | undefined;
  readonly now: number;
}

function single(value: string): policyV1.ContextValue {
  return { values: [value] };
}

/**
 * The condition keys the gateway knows about a request: where it came from
 * (`aws:SourceIp`, `aws:SecureTransport`), how it was signed
 * (`s3:signatureversion`, `s3:authType`, `s3:signatureAge`,
 * `s3:x-amz-content-sha256`), its time, and the headers policies test
 * (`s3:x-amz-acl`, `s3:x-amz-server-side-encryption`, ...). The storage
 * service adds what it derives itself (`s3:prefix`, `s3:VersionId`, tags).
 */
export function requestContext(input: ContextInput): Record<string, policyV1.ContextValue> {
  const context: Record<string, policyV1.ContextValue> = {
    'aws:SourceIp': single(input.origin.sourceIp),
    'aws:SecureTransport': single(String(input.origin.secure)),
    'aws:CurrentTime': single(new Date(input.now).toISOString()),
    'aws:EpochTime': single(String(Math.floor(input.now / 1000))),
  };
  const userAgent = input.headers['user-agent'];
  if (userAgent !== undefined) context['aws:UserAgent'] = single(userAgent);
  const referer = input.headers.referer;
  if (referer !== undefined) context['aws:Referer'] = single(referer);
  if (input.verified.kind === 'signed') {
    context['s3:signatureversion'] = single(input.verified.signatureVersion);
    context['s3:authType'] = single(input.verified.authType);
    context['s3:signatureAge'] = single(String(input.verified.signatureAge));
    context['s3:x-amz-content-sha256'] = single(input.verified.contentSha256);
  }
  if (input.origin.secure && input.tlsProtocol !== undefined) {
    const version = /^TLSv(\d(?:\.\d)?)$/.exec(input.tlsProtocol)?.[1];
    if (version !== undefined) context['s3:TlsVersion'] = single(version.includes('.') ? version : `${version}.0`);
  }
  for (const name of HEADER_KEYS) {
    const value = input.headers[name];
    if (typeof value === 'string') context[`s3:${name}`] = single(value);
  }
  return context;
}
