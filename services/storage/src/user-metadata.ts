import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';

/** S3's limit on user metadata: names and values together, in UTF-8 bytes. */
export const MAX_METADATA_BYTES = 2048;

/** An HTTP token (RFC 9110): what a metadata name must be, since it is answered as the header `x-amz-meta-<name>`. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A C0 control character other than HTAB, or DEL. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
/** A UTF-16 surrogate without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Validates user metadata and returns it with lower-case names. Names are
 * HTTP tokens, case-insensitive as headers are (two that differ only in
 * case are INVALID_ARGUMENT, not one value silently lost). Values are Unicode text: any character but a control
 * character (HTAB allowed) or a lone surrogate, since the gateway sends
 * non-ASCII values RFC 2047 encoded. Names and values together may take
 * 2 KB of UTF-8 (METADATA_TOO_LARGE beyond), counted as S3 counts them.
 */
export function validateUserMetadata(raw: Readonly<Record<string, string>>): Record<string, string> {
  const metadata = new Map<string, string>();
  let bytes = 0;
  for (const [name, value] of Object.entries(raw)) {
    if (!HEADER_TOKEN.test(name)) throw invalidArgument('options.user_metadata', 'names must be HTTP tokens (letters, digits and !#$%&\'*+-.^_`|~)');
    if (CONTROL.test(value) || LONE_SURROGATE.test(value)) {
      throw invalidArgument(`options.user_metadata[${name}]`, 'must be Unicode text without control characters (tab allowed) or lone surrogates');
    }
    const lower = name.toLowerCase();
    if (metadata.has(lower)) throw invalidArgument('options.user_metadata', `names must differ in more than case (${JSON.stringify(name)} is given twice)`);
    metadata.set(lower, value);
    bytes += Buffer.byteLength(lower, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  if (bytes > MAX_METADATA_BYTES) throw new DomainError(ErrorReason.METADATA_TOO_LARGE, `user metadata is ${bytes} bytes; at most ${MAX_METADATA_BYTES} are allowed`);
  return Object.fromEntries(metadata);
}
