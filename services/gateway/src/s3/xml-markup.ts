/**
 * The markup of a request body, read once front to back: tags (their
 * quoted attribute values skipped whole, so a `<` or `>` inside one is not
 * markup), comments, processing instructions and CDATA sections, each to
 * its terminator. No body costs more than one pass over it.
 */
import { S3Error } from './errors';

export const CDATA_OPEN = '<![CDATA[';
export const CDATA_CLOSE = ']]>';

/** One piece of markup: what it is, where it starts (its `<`) and ends (just past it), and for a tag its count of `=` outside quoted values (its attributes, in a well-formed tag). */
export interface Markup {
  readonly kind: 'tag' | 'cdata' | 'comment' | 'instruction';
  readonly start: number;
  readonly end: number;
  readonly equalSigns: number;
}

/** The index just past the next `terminator` at or after `from`; MalformedXML when the body has none. */
function pastNext(body: string, terminator: string, from: number): number {
  const at = body.indexOf(terminator, from);
  if (at < 0) throw new S3Error('MalformedXML');
  return at + terminator.length;
}

function tagAt(body: string, start: number): Markup {
  let equalSigns = 0;
  for (let at = start + 1; at < body.length; at++) {
    const char = body[at];
    if (char === '>') return { kind: 'tag', start, end: at + 1, equalSigns };
    if (char === '=') equalSigns++;
    else if (char === '"' || char === "'") at = pastNext(body, char, at + 1) - 1;
  }
  throw new S3Error('MalformedXML');
}

function markupAt(body: string, start: number): Markup {
  if (body.startsWith(CDATA_OPEN, start)) return { kind: 'cdata', start, end: pastNext(body, CDATA_CLOSE, start + CDATA_OPEN.length), equalSigns: 0 };
  if (body.startsWith('<!--', start)) return { kind: 'comment', start, end: pastNext(body, '-->', start + 4), equalSigns: 0 };
  if (body.startsWith('<?', start)) return { kind: 'instruction', start, end: pastNext(body, '?>', start + 2), equalSigns: 0 };
  return tagAt(body, start);
}

/** The body's markup, in order; an unterminated markup is MalformedXML. */
export function* markupOf(body: string): Generator<Markup> {
  for (let at = body.indexOf('<'); at >= 0; ) {
    const markup = markupAt(body, at);
    yield markup;
    at = body.indexOf('<', markup.end);
  }
}
