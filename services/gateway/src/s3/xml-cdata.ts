/**
 * CDATA sections in request XML, read as the literal text they hold.
 * fast-xml-parser hands a section's text to the same reference decoding as
 * other text (so `<![CDATA[a&amp;b]]>` would read as `a&b`); written as
 * escaped text first, a section reads as what it holds.
 */
import { CDATA_CLOSE, CDATA_OPEN, markupOf } from './xml-markup';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The body with each CDATA section replaced by its content as escaped text.
 * The body is read markup by markup (markupOf), so a `<![CDATA[` inside a
 * comment, a processing instruction or an attribute value stays what it is.
 * An unterminated markup is MalformedXML.
 */
export function cdataAsText(body: string): string {
  if (!body.includes(CDATA_OPEN)) return body;
  const out: string[] = [];
  let copied = 0;
  for (const { kind, start, end } of markupOf(body)) {
    if (kind !== 'cdata') continue;
    out.push(body.slice(copied, start), escapeText(body.slice(start + CDATA_OPEN.length, end - CDATA_CLOSE.length)));
    copied = end;
  }
  out.push(body.slice(copied));
  return out.join('');
}
