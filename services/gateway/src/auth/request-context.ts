import type { policyV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import type { ClientOrigin } from '../http/client-address';

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

/**
 * The condition keys the gateway knows about a request: where it came from
 * (`aws:SourceIp`, absent when a trusted proxy could not say;
 * `aws:SecureTransport`), how it was signed
 * (`s3:signatureversion`, `s3:authType`, `s3:signatureAge`,
 * `s3:x-amz-content-sha256`) and its time. What the request asks for
 * (`s3:x-amz-acl`, `s3:x-amz-grant-*`, `s3:x-amz-server-side-encryption`,
 * ...) is not stated here: storage takes only what a front end alone can
 * know from its caller, and derives those keys itself from the request it
 * is given (`request-facts.ts`, `write-conditions.ts` in services/storage),
 * as it does `s3:prefix`, `s3:VersionId` and tags.
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
  return context;
}

/**
 * The condition keys of a browser POST upload: those of its connection
 * (`aws:SourceIp`, `aws:SecureTransport`, time, TLS, ...) from `base`, the
 * request's own context, and how the form was signed (`s3:authType` =
 * `POST`; a form without a signature keeps the request's own). The keys of
 * what the form writes (its `acl` and grant fields, encryption, ...) are
 * storage's to derive from the write the fields become, as for a PutObject.
 */
export function postFormContext(base: Readonly<Record<string, policyV1.ContextValue>>, signed: SignatureFacts | undefined): Record<string, policyV1.ContextValue> {
  if (signed === undefined) return { ...base };
  const kept = Object.entries(base).filter(([name]) => !SIGNATURE_KEYS.includes(name));
  return { ...Object.fromEntries(kept), ...signatureContext(signed) };
}
