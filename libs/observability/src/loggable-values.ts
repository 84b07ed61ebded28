/** What a redacted value is logged as. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values are secrets wherever they appear in a log record,
 * compared normalized (lower case, letters and digits only: `SecretAccessKey`,
 * `secret_access_key` and `AWS_SECRET_ACCESS_KEY` all end with
 * `secretaccesskey`): a name is secret when its normalized form ends with one
 * of these (`x-amz-security-token`, `STRONGROOM_TOKEN`) and is not one of
 * {@link NOT_SECRET_NAMES}; `tokens`, `rootKeyFile` or `customerKeyMd5` are
 * not secret. Values wrapped in `Secret` are redacted by the wrapper itself;
 * this list catches raw values by name.
 */
export const SECRET_NAME_ENDINGS = [
  'plaintext',
  'secret',
  'secretaccesskey',
  'password',
  'authorization',
  'rootkey',
  'datakey',
  'keymaterial',
  'customerkey',
  'signingkey',
  'privatekey',
  'token',
  'signature',
] as const;

/** Names that end like a secret's but are not: the page tokens of listings. */
const NOT_SECRET_NAMES: ReadonlySet<string> = new Set(['continuationtoken', 'nextcontinuationtoken', 'pagetoken', 'nextpagetoken']);

/** Decisions already made, by field name: log records repeat the same few names. Bounded; cleared when full. */
const decided = new Map<string, boolean>();
const MAX_DECIDED = 4096;

/** True when a field of this name holds a secret (see {@link SECRET_NAME_ENDINGS}). */
export function isSecretName(name: string): boolean {
  const known = decided.get(name);
  if (known !== undefined) return known;
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const secret = !NOT_SECRET_NAMES.has(normalized) && SECRET_NAME_ENDINGS.some((ending) => normalized.endsWith(ending));
  if (decided.size >= MAX_DECIDED) decided.clear();
  decided.set(name, secret);
  return secret;
}

/**
 * The password of a URL's user info (`postgres://user:password@host`), up
 * to the last `@` before the path: a password left unescaped (`p#ss`,
 * `p@ss`) is redacted whole. The scheme is at most 32 characters (real
 * ones are short): unbounded, every word start of a long dotted or
 * hyphenated text rescanned the rest of it, quadratic time on the logging
 * thread.
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/?#@]*:)[^\s/]*@/gi;
/**
 * A parameter that is a credential: a presigned URL's `X-Amz-Signature`
 * (usable until it expires) and `X-Amz-Security-Token`, and the
 * `Signature=` of an Authorization header or a SigV2 presigned URL.
 */
const SECRET_PARAMETER = /((?:^|[?&,;\s])(?:x-amz-signature|x-amz-security-token|signature)=)[^&\s#"',;]*/gi;

/** Text with the passwords of URLs and the signatures and tokens of presigned URLs and Authorization headers redacted. */
export function redactText(text: string): string {
  if (!text.includes('@') && !text.includes('=')) return text;
  return text.replace(URL_PASSWORD, `$1${REDACTED}@`).replace(SECRET_PARAMETER, `$1${REDACTED}`);
}

/** Binary values are logged by size only: they are keys or ciphertext more often than not. */
export function describeBytes(value: unknown): unknown {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `<${value.byteLength} bytes>`;
  return value;
}
