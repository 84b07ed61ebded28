/**
 * The markup of a request body, read once front to back: tags (their
 * quoted attribute values skipped whole, so a `<` or `>` inside one is not
 * markup), comments, processing instructions and CDATA sections, each to
 * its terminator. No body costs more than one pass over it.
 */
import { S3Error } from './errors';

export const CDATA_OPEN = '<![CDATA[';
export const CDATA_CLOSE = ']]>';

/**
 * One piece of markup: what it is, where it starts (its `<`) and ends (just
 * past it), and for a tag or a processing instruction its attributes: the
 * names after its own outside quoted values, valued or not (the parser
 * reads an instruction's attributes as a tag's, and takes names without a
 * value as attributes too).
 */
export interface Markup {
  readonly kind: 'tag' | 'cdata' | 'comment' | 'instruction';
  readonly start: number;
  readonly end: number;
  readonly attributes: number;
}

/** The index just past the next `terminator` at or after `from`; MalformedXML when the body has none. */
function pastNext(body: string, terminator: string, from: number): number {
  const at = body.indexOf(terminator, from);
  if (at < 0) throw new S3Error('MalformedXML');
  return at + terminator.length;
}

/** What ends a name inside a tag or an instruction. */
const NAME_ENDS = new Set([' ', '\t', '\n', '\r', '=', '/', '?']);

/** White space inside a tag, between a name, its `=` and its value. */
const SPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * A tag (`<...>`) or an instruction (`<?...?>`) from its `<`, its names
 * counted and each attribute's quoted value skipped whole. A quote that
 * does not follow a name's `=` is MalformedXML: no XML has one, and the
 * parser would read the names inside it as attributes the count missed.
 */
function namedMarkupAt(body: string, start: number, kind: 'tag' | 'instruction'): Markup {
  const close = kind === 'tag' ? '>' : '?>';
  let names = 0;
  let inName = false;
  let valueNext = false;
  for (let at = start + (kind === 'tag' ? 1 : 2); at < body.length; at++) {
    if (body.startsWith(close, at)) return { kind, start, end: at + close.length, attributes: Math.max(0, names - 1) };
    const char = body[at] ?? '';
    if (char === '"' || char === "'") {
      if (!valueNext) throw new S3Error('MalformedXML');
      at = pastNext(body, char, at + 1) - 1;
      inName = false;
      valueNext = false;
      continue;
    }
    if (char === '=') valueNext = true;
    else if (!SPACE.has(char)) valueNext = false;
    const nameChar = !NAME_ENDS.has(char);
    if (nameChar && !inName) names++;
    inName = nameChar;
  }
  throw new S3Error('MalformedXML');
}

function markupAt(body: string, start: number): Markup {
  if (body.startsWith(CDATA_OPEN, start)) return { kind: 'cdata', start, end: pastNext(body, CDATA_CLOSE, start + CDATA_OPEN.length), attributes: 0 };
  if (body.startsWith('<!--', start)) return { kind: 'comment', start, end: pastNext(body, '-->', start + 4), attributes: 0 };
  return namedMarkupAt(body, start, body.startsWith('<?', start) ? 'instruction' : 'tag');
}

/** The body's markup, in order; an unterminated markup is MalformedXML. */
export function* markupOf(body: string): Generator<Markup> {
  for (let at = body.indexOf('<'); at >= 0; ) {
    const markup = markupAt(body, at);
    yield markup;
    at = body.indexOf('<', markup.end);
  }
}
