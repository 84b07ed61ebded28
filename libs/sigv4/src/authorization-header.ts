import { ALGORITHM } from './signing';
import { SigV4Error } from './sigv4-error';

/** The three components of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface AuthorizationHeader {
  /** `<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request`, not yet checked. */
  readonly credential: string;
  /** Lower-case header names, in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  /** The hex signature as sent. */
  readonly signature: string;
}

/** The error for a header that is not well-formed, with S3's wording. */
export function malformedAuthorizationHeader(message: string, details?: Readonly<Record<string, string>>): SigV4Error {
  return new SigV4Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`, { details });
}

/** The error S3 gives for Signature Version 2 and every algorithm but AWS4-HMAC-SHA256 it knows of. */
export function useSigV4(): SigV4Error {
  return new SigV4Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
}

/**
 * The scheme of an Authorization header (`AWS4-HMAC-SHA256`, `Basic`, ...):
 * its leading token when white space follows it, else empty (a header of
 * one token may be a bare credential). It is what an error names of a
 * header it refuses, since a header of another scheme may carry a
 * credential of its own (a proxy's Basic password).
 */
export function authorizationScheme(value: string): string {
  return /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]/.exec(value.trim())?.[1] ?? '';
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
 * (components in any order, spaces after the commas optional). Signature
 * Version 2 (`AWS AKID:signature`) and SigV4a are refused with S3's
 * InvalidRequest; other schemes are an InvalidArgument.
 */
export function parseAuthorizationHeader(value: string): AuthorizationHeader {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme === 'AWS' || scheme === 'AWS4-ECDSA-P256-SHA256') throw useSigV4();
  if (scheme !== ALGORITHM) {
    throw new SigV4Error('InvalidArgument', 'Unsupported Authorization Type', {
      details: { ArgumentName: 'Authorization', ArgumentValue: authorizationScheme(trimmed) },
    });
  }
  if (space < 0) {
    throw malformedAuthorizationHeader('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  const components = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const component = part.trim();
    const equals = component.indexOf('=');
    const name = component.slice(0, equals);
    if (equals <= 0 || components.has(name)) {
      throw malformedAuthorizationHeader(`the authorization component "${component}" is malformed.`);
    }
    components.set(name, component.slice(equals + 1));
  }
  const credential = components.get('Credential');
  const signedHeaders = components.get('SignedHeaders');
  const signature = components.get('Signature');
  if (!credential || !signedHeaders || !signature || components.size !== 3) {
    throw malformedAuthorizationHeader('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
}
