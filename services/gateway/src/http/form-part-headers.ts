import { S3Error } from '../s3/errors';

/** What the headers of one `multipart/form-data` part say. */
export interface FormPart {
  /** The field name (`name` of Content-Disposition), as sent. */
  readonly name: string;
  /** The file name (`filename`, or `filename*` in UTF-8), when the part is a file; it may be empty. */
  readonly filename: string | undefined;
}

/** `; name=value` parameters, the value a token or a quoted string. */
const PARAMETER = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;

function malformed(): S3Error {
  return new S3Error('MalformedPOSTRequest');
}

/**
 * A quoted string's content. Only `\"` and `\\` are escapes: browsers send
 * file paths with raw backslashes (`C:\dir\file.txt`), which must survive.
 */
function unquote(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith('"')) return trimmed;
  return trimmed.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

/** An RFC 5987 extended value (`UTF-8''caf%C3%A9.txt`); undefined in any other charset or when malformed. */
function extendedValue(value: string): string | undefined {
  const match = /^utf-8'[^']*'(.*)$/i.exec(value.trim());
  if (match === null) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

function dispositionParameters(value: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [, name, raw] of value.matchAll(PARAMETER)) parameters.set(name!.toLowerCase(), raw!);
  return parameters;
}

/**
 * Parses a part's header block (the lines before its blank line): a
 * Content-Disposition of `form-data` with a `name` is required; header
 * names are case-insensitive; folded lines are joined. A part's own
 * Content-Type is not kept: as in S3, an object's type comes from the
 * form's `Content-Type` field only.
 */
export function parseFormPartHeaders(block: string): FormPart {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.split('\r\n')) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed();
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (disposition === undefined || !/^form-data\s*(;|$)/i.test(disposition)) throw malformed();
  const parameters = dispositionParameters(disposition);
  const name = parameters.get('name');
  if (name === undefined) throw malformed();
  const extended = parameters.get('filename*');
  const plain = parameters.get('filename');
  return {
    name: unquote(name),
    filename: (extended === undefined ? undefined : extendedValue(extended)) ?? (plain === undefined ? undefined : unquote(plain)),
  };
}
