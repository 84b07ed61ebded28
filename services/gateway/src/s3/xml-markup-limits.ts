/**
 * How much markup a request body may hold, checked by one pass over it
 * (markupOf, milliseconds for 2 MiB) before fast-xml-parser reads it on
 * the gateway's event loop, before any bucket or permission is checked.
 * Past these limits the parse alone held every client for a second or two
 * per 2 MiB body; within them no body costs much more than the largest
 * legitimate document.
 */
import { markupOf } from './xml-markup';

/**
 * The attributes one element may carry. S3's request documents carry at
 * most two: `xmlns` (on the root, or on any element for a client that
 * repeats it), and `xmlns:xsi` with `xsi:type` on an ACL's `<Grantee>`;
 * aws-sdk-go v1 writes a grantee's type with four (`xmlns:_xmlns`,
 * `_xmlns:xsi`, `xmlns:XMLSchema-instance`, `XMLSchema-instance:type`).
 * A tag made of attributes cost the parser over a second per MB.
 */
export const MAX_ATTRIBUTES_PER_ELEMENT = 8;

/**
 * The elements and processing instructions a body may hold. The largest
 * S3 request document, a CompleteMultipartUpload of 10000 parts each with
 * every element a CompletedPart has (PartNumber, ETag and five checksums),
 * holds 80,001 elements and an XML declaration. The parser spends about a
 * microsecond on an element and three on an instruction: 2 MiB of `<a/>`
 * cost it 0.6 s, of `<?a?>` 1.1 s.
 */
export const MAX_NODES = 100_000;

/**
 * The attributes a body may carry in all: as many as MAX_NODES, for a
 * client that writes `xmlns` on every element of the largest document.
 * 2 MiB of elements of 8 attributes each (380,000 attributes) cost the
 * parser as much as 2 MiB of empty elements.
 */
export const MAX_ATTRIBUTES = MAX_NODES;

/**
 * True when a tag or processing instruction of the body has more than
 * MAX_ATTRIBUTES_PER_ELEMENT attributes (valued or not), the body more than MAX_ATTRIBUTES in all, or more than
 * MAX_NODES elements and processing instructions; an unterminated markup
 * is MalformedXML.
 */
export function exceedsMarkupLimits(body: string): boolean {
  let nodes = 0;
  let attributes = 0;
  for (const markup of markupOf(body)) {
    if (markup.attributes > MAX_ATTRIBUTES_PER_ELEMENT) return true;
    attributes += markup.attributes;
    if (attributes > MAX_ATTRIBUTES) return true;
    const isNode = markup.kind === 'instruction' || (markup.kind === 'tag' && body[markup.start + 1] !== '/');
    if (isNode && ++nodes > MAX_NODES) return true;
  }
  return false;
}
