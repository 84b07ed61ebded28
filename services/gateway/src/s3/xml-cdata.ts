/**
 * CDATA sections in request XML, read as the literal text they hold.
 * fast-xml-parser hands a section's text to the same reference decoding as
 * other text (so `<![CDATA[a&amp;b]]>` would read as `a&b`); written as
 * escaped text first, a section reads as what it holds.
 */
import { S3Error } from './errors';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/** The index just past the next `terminator` at or after `from`; MalformedXML when the body has none. */
function pastNext(body: string, terminator: string, from: number): number {
  const at = body.indexOf(terminator, from);
  if (at < 0) throw new S3Error('MalformedXML');
  return at + terminator.length;
}

/** The index just past the tag whose `<` is at `start`, its quoted attribute values skipped whole (a `<` or `>` inside one is not markup). */
function pastTag(body: string, start: number): number {
  for (let at = start + 1; at < body.length; at++) {
    const char = body[at];
    if (char === '>') return at + 1;
    if (char === '"' || char === "'") at = pastNext(body, char, at + 1) - 1;
  }
  throw new S3Error('MalformedXML');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The body with each CDATA section replaced by its content as escaped text.
 * The body is read once, front to back, markup by markup (tags with their
 * attribute values, comments, processing instructions, sections), so a
 * `<![CDATA[` inside a comment, a processing instruction or an attribute
 * value stays what it is, and no body costs more than a pass over it. An
 * unterminated markup is MalformedXML.
 */
export function cdataAsText(body: string): string {
  if (!body.includes(CDATA_OPEN)) return body;
  const out: string[] = [];
  let copied = 0;
  for (let at = body.indexOf('<'); at >= 0; ) {
    let end: number;
    if (body.startsWith(CDATA_OPEN, at)) {
      end = pastNext(body, CDATA_CLOSE, at + CDATA_OPEN.length);
      out.push(body.slice(copied, at), escapeText(body.slice(at + CDATA_OPEN.length, end - CDATA_CLOSE.length)));
      copied = end;
    } else if (body.startsWith('<!--', at)) end = pastNext(body, '-->', at + 4);
    else if (body.startsWith('<?', at)) end = pastNext(body, '?>', at + 2);
    else end = pastTag(body, at);
    at = body.indexOf('<', end);
  }
  out.push(body.slice(copied));
  return out.join('');
}
