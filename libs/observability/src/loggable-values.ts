/** What a redacted value is logged as. */
export const REDACTED = '[redacted]';

/**
 * The password of a URL's user info (`postgres://user:password@host`), up
 * to the last `@` before the path: a password left unescaped (`p#ss`,
 * `p@ss`) is redacted whole. A host's port (at most 5 digits) followed by
 * a query or fragment whose text before the `@` holds a `=`
 * (`https://s3.example:9000?prefix=me@example.com`) is no password; digits
 * followed by `?` or `#` are otherwise taken for one (`user:1234#5@host`,
 * `user:123456?@host`), as a leaked password costs more than a redacted
 * port. The
 * scheme is at most 32 characters (real ones are short): unbounded, every
 * word start of a long dotted or hyphenated text rescanned the rest of it,
 * quadratic time on the logging thread.
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/?#@]*:)(?!\d{1,5}[?#][^\s/@]*=)[^\s/]*@/gi;

/**
 * A credential written as a header (`name: value`, as in a canonical
 * request or a dumped request, quoted as JSON prints it or not, alone or
 * in a list as JSON and util.inspect print `headersDistinct`) or a query
 * parameter (`name=value`): a presigned URL's signature and security
 * token, and an SSE-C key. The name stands alone (`…-customer-key-MD5` is
 * another header), and the value ends at a space or the next parameter.
 */
const CREDENTIAL_PARAMETER =
  /(^|[^\w-])(x-amz-signature|x-amz-security-token|x-amz-(?:copy-source-)?server-side-encryption-customer-key)(["']?[ \t]*[:=][ \t]*(?:\[\s*)?["']?)[^\s&#"',;]*/gi;

/**
 * An Authorization header written out (`Authorization: Bearer x`), to the
 * end of its line, at most 2 KiB of it (the value is read by
 * {@link redactedAuthorization}).
 */
const AUTHORIZATION_HEADER = /(^|[^\w-])((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*(?:\[\s*)?["']?)([^\r\n"']{0,2048})/gi;

/**
 * A SigV4 Authorization value written out without its header's name (a
 * field or a message quoting it): its signature, after the credential and
 * the signed headers, which operators keep reading.
 */
const SIGV4_AUTHORIZATION_VALUE = /(\bCredential=[^\s,=]*,[ \t]*SignedHeaders=[^\s,=]*,[ \t]*Signature=)[^\s,;"']*/g;

/**
 * An Authorization value on its own, whatever the name it is logged under
 * (`authHeader`): a text that starts with a Bearer or Basic scheme and a
 * credential, or with a SigV2 `AWS id:` (a SigV4 value anywhere is
 * {@link SIGV4_AUTHORIZATION_VALUE}'s). Its credential is read by
 * {@link redactedAuthorization}.
 */
const AUTHORIZATION_VALUE = /^(?:(?:Bearer|Basic)[ \t]+\S|AWS[ \t]+[^\s:]+:)/i;

/** What every credential of {@link CREDENTIAL_PARAMETER} and {@link AUTHORIZATION_HEADER} starts with. */
const CREDENTIAL_HINT = /x-amz-|authorization/i;

/**
 * True when a text may name a credential ({@link CREDENTIAL_HINT}). Both
 * names hold a `z`: looking for one first, as fast as any `includes`,
 * spares most texts (stacks, messages) the slower case-blind scan.
 */
function mayNameCredential(text: string): boolean {
  return (text.includes('z') || text.includes('Z')) && CREDENTIAL_HINT.test(text);
}

/** A SigV4 Authorization value's signature: everything else in it (the access key id, the scope) is for operators to read. */
const SIGV4_SIGNATURE = /(\bSignature=)[^\s,;"']*/g;

/** An Authorization value with its credential redacted: a SigV4 signature, a SigV2 signature after the access key id, or a scheme's token. */
function redactedAuthorization(value: string): string {
  if (value.startsWith('AWS4-')) return value.replace(SIGV4_SIGNATURE, `$1${REDACTED}`);
  const [, scheme = '', credential = '', rest = ''] = /^([A-Za-z][\w-]*[ \t]+)?(\S*)(.*)$/s.exec(value) ?? [];
  const accessKeyId = scheme.trim() === 'AWS' && credential.includes(':') ? `${credential.slice(0, credential.indexOf(':'))}:` : '';
  return `${scheme}${accessKeyId}${REDACTED}${rest}`;
}

/**
 * Text with its credentials redacted: the passwords of URLs, the
 * signatures and security tokens of presigned URLs, SSE-C keys written as
 * headers, and the credentials of Authorization headers (a SigV4 value's
 * signature also without the header's name, and a text that is an
 * Authorization value, {@link AUTHORIZATION_VALUE}). Nothing else is
 * touched: object keys (`docs/a&signature=final.pdf`), bucket names,
 * request ids, access key ids, ETags and error messages stay as they are.
 * Each pattern takes time linear in the text, and every one but the
 * anchored {@link AUTHORIZATION_VALUE} needs a `:` or a `=`: a text with
 * neither (most values: ids, keys, names) is returned after three quick
 * scans.
 */
export function redactText(text: string): string {
  const value = AUTHORIZATION_VALUE.test(text) ? redactedAuthorization(text) : text;
  if (!value.includes(':') && !value.includes('=')) return value;
  let redacted = value.includes('@') && value.includes('://') ? value.replace(URL_PASSWORD, `$1${REDACTED}@`) : value;
  if (redacted.includes('Signature=')) redacted = redacted.replace(SIGV4_AUTHORIZATION_VALUE, `$1${REDACTED}`);
  if (!mayNameCredential(redacted)) return redacted;
  redacted = redacted.replace(CREDENTIAL_PARAMETER, `$1$2$3${REDACTED}`);
  return redacted.replace(AUTHORIZATION_HEADER, (_match, before: string, name: string, value: string) => `${before}${name}${redactedAuthorization(value)}`);
}

/** Binary values are logged by size only: they are keys or ciphertext more often than not. */
export function describeBytes(value: unknown): unknown {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `<${value.byteLength} bytes>`;
  return value;
}
