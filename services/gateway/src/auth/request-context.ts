import type { policyV1 } from '@strongroom/contracts';
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

/** Condition keys that say how a request was signed. */
const SIGNATURE_KEYS = ['s3:signatureversion', 's3:authType', 's3:signatureAge', 's3:x-amz-content-sha256'];

/** What condition keys need of a request's authentication: a SigV4 header or query signature, a POST form's, or none. */
export type SignatureFacts =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'signed';
      readonly signatureVersion: string;
      /** `REST-HEADER`, `REST-QUERY-STRING` or `POST`. */
      readonly authType: string;
      readonly signatureAge: number;
      /** The payload hash signed; a POST form has none. */
      readonly contentSha256?: string;
    };

/** What the condition keys are computed from. */
export interface ContextInput {
  readonly origin: ClientOrigin;
  readonly verified: SignatureFacts;
  readonly headers: IncomingHttpHeaders;
  /** The negotiated TLS version (`TLSv1.3`), when the client's own connection is TLS. */
  readonly tlsProtocol: string | undefined;
  readonly now: number;
}

function single(value: string): policyV1.ContextValue {
  return { values: [value] };
}

function signatureContext(facts: SignatureFacts): Record<string, policyV1.ContextValue> {
  if (facts.kind === 'anonymous') return {};
  const context: Record<string, policyV1.ContextValue> = {
    's3:signatureversion': single(facts.signatureVersion),
    's3:authType': single(facts.authType),
    's3:signatureAge': single(String(facts.signatureAge)),
  };
  if (facts.contentSha256 !== undefined) context['s3:x-amz-content-sha256'] = single(facts.contentSha256);
  return context;
}

function headerContext(headers: IncomingHttpHeaders): Record<string, policyV1.ContextValue> {
  const context: Record<string, policyV1.ContextValue> = {};
  for (const name of HEADER_KEYS) {
    const value = headers[name];
    if (typeof value === 'string') context[`s3:${name}`] = single(value);
  }
  return context;
}

/**
 * The condition keys the gateway knows about a request: where it came from
 * (`aws:SourceIp`, absent when a trusted proxy could not say;
 * `aws:SecureTransport`), how it was signed
 * (`s3:signatureversion`, `s3:authType`, `s3:signatureAge`,
 * `s3:x-amz-content-sha256`), its time, and the headers policies test
 * (`s3:x-amz-acl`, `s3:x-amz-server-side-encryption`, ...). The storage
 * service adds what it derives itself (`s3:prefix`, `s3:VersionId`, tags).
 */
export function requestContext(input: ContextInput): Record<string, policyV1.ContextValue> {
  const context: Record<string, policyV1.ContextValue> = {
    ...(input.origin.sourceIp === undefined ? {} : { 'aws:SourceIp': single(input.origin.sourceIp) }),
    'aws:SecureTransport': single(String(input.origin.secure)),
    'aws:CurrentTime': single(new Date(input.now).toISOString()),
    'aws:EpochTime': single(String(Math.floor(input.now / 1000))),
  };
  const userAgent = input.headers['user-agent'];
  if (userAgent !== undefined) context['aws:UserAgent'] = single(userAgent);
  const referer = input.headers.referer;
  if (referer !== undefined) context['aws:Referer'] = single(referer);
  Object.assign(context, signatureContext(input.verified));
  if (input.origin.secure && input.tlsProtocol !== undefined) {
    const version = /^TLSv(\d(?:\.\d)?)$/.exec(input.tlsProtocol)?.[1];
    if (version !== undefined) context['s3:TlsVersion'] = single(version.includes('.') ? version : `${version}.0`);
  }
  return Object.assign(context, headerContext(input.headers));
}

/**
 * The condition keys of a browser POST upload: those of its connection
 * (`aws:SourceIp`, `aws:SecureTransport`, time, TLS, ...) from `base`, the
 * request's own context, how the form was signed (`s3:authType` = `POST`;
 * a form without a signature keeps the request's own), and the keys S3
 * takes from headers (`s3:x-amz-acl`, `s3:x-amz-server-side-encryption`,
 * ...) from the form's fields instead: what a form writes is in its fields.
 */
export function postFormContext(
  base: Readonly<Record<string, policyV1.ContextValue>>,
  signed: SignatureFacts | undefined,
  fields: IncomingHttpHeaders,
): Record<string, policyV1.ContextValue> {
  const replaced = new Set([...(signed === undefined ? [] : SIGNATURE_KEYS), ...HEADER_KEYS.map((name) => `s3:${name}`)]);
  const kept = Object.entries(base).filter(([name]) => !replaced.has(name));
  return { ...Object.fromEntries(kept), ...(signed === undefined ? {} : signatureContext(signed)), ...headerContext(fields) };
}
