import type { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors';
import { isHeaderName, isHeaderValue } from './header-text';
import { tagsOf } from './tagging-xml';
import { asHeaderValue, isMetadataText, META_PREFIX } from './user-metadata';
import { parseXml } from './xml';

/** Fields that mean something to the POST itself: never stored with the object as headers. */
const FORM_ONLY = new Set([
  'key',
  'bucket',
  'policy',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-signature',
  'x-amz-security-token',
  'success_action_status',
  'success_action_redirect',
  'redirect',
  'tagging',
  'acl',
]);

/** InvalidArgument for a field a POST needs, with S3's message. */
export function missingField(name: string): S3Error {
  return new S3Error('InvalidArgument', `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`, {
    ArgumentName: name,
    ArgumentValue: '',
  });
}

/** The fields that sign a form: verified as the client sent them, never with `${filename}` replaced. */
const SIGNING_FIELDS = new Set(['policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature', 'x-amz-security-token']);

/**
 * The form's fields with `${filename}` replaced, as S3 replaces it in every
 * field before it checks the policy (but the signing fields): by the file's
 * name without any path (what follows the last `/` or `\`; empty when the
 * file has none), taken as written (a `$&` in it is no replacement pattern).
 */
export function withFilename(fields: ReadonlyMap<string, string>, filename: string): ReadonlyMap<string, string> {
  const baseName = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  return new Map([...fields].map(([name, value]) => [name, SIGNING_FIELDS.has(name) ? value : value.replaceAll('${filename}', () => baseName)]));
}

/** The object key: the `key` field, its `${filename}` already replaced ({@link withFilename}). */
export function formObjectKey(fields: ReadonlyMap<string, string>): string {
  const key = fields.get('key');
  if (key === undefined || key === '') throw missingField('key');
  return key;
}

/**
 * A field that becomes a header, checked as an HTTP field would be: a name
 * that is not a token, or a value with a control character (other than
 * HTAB) or a character beyond U+00FF, could be stored but never sent back
 * in a GET's headers. A metadata value may hold any character but a
 * control character, since it is sent back RFC 2047 encoded when it is not
 * ASCII. InvalidArgument naming the field; the value is never quoted (it
 * may be an SSE-C key).
 */
function checkHeaderField(field: string, value: string): void {
  if (!isHeaderName(field)) {
    throw new S3Error('InvalidArgument', 'A POST form field that becomes a header must have an HTTP token for a name.', { ArgumentName: field });
  }
  const metadata = field.startsWith(META_PREFIX);
  if (metadata ? !isMetadataText(value) : !isHeaderValue(value)) {
    const refused = metadata ? 'a control character' : 'a control character or one beyond U+00FF';
    throw new S3Error('InvalidArgument', `The value of POST form field '${field}' has a character not allowed in an HTTP header (${refused}).`, {
      ArgumentName: field,
    });
  }
}

/**
 * The headers a PutObject of the same object would carry, from the form's
 * fields: content headers (`Content-Type`, `Cache-Control`, ...), every
 * `x-amz-*` field (metadata, encryption, SSE-C, checksums, grants, storage
 * class), `Content-MD5`, and `acl` as `x-amz-acl`. What the helpers of
 * PutObject read from headers they then read from the form. Each is
 * checked as an HTTP header would be ({@link checkHeaderField}); metadata
 * values become the header a PutObject sending the same text in UTF-8
 * would carry, so that both are read alike.
 */
export function formHeaders(fields: ReadonlyMap<string, string>): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of fields) {
    if (FORM_ONLY.has(name) || name.startsWith('x-ignore-')) continue;
    checkHeaderField(name, value);
    headers[name] = name.startsWith(META_PREFIX) ? asHeaderValue(value) : value;
  }
  const acl = fields.get('acl');
  if (acl !== undefined) {
    checkHeaderField('acl', acl);
    headers['x-amz-acl'] = acl;
  }
  return headers;
}

/** The tag set of the `tagging` field (a `<Tagging>` XML document), or undefined without one. */
export function formTags(fields: ReadonlyMap<string, string>): storageV1.Tag[] | undefined {
  const tagging = fields.get('tagging');
  return tagging === undefined ? undefined : tagsOf(parseXml(tagging, 'Tagging'));
}
