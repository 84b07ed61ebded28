/**
 * How many attributes one element of a request body may carry. S3's
 * request documents carry at most two: `xmlns` (on the root, or on any
 * element for a client that repeats it), and `xmlns:xsi` with `xsi:type`
 * on an ACL's `<Grantee>`; aws-sdk-go v1 writes a grantee's type with four
 * (`xmlns:_xmlns`, `_xmlns:xsi`, `xmlns:XMLSchema-instance`,
 * `XMLSchema-instance:type`). fast-xml-parser spends over a second per MB
 * on a tag made of attributes, on the gateway's event loop, before any
 * bucket or permission is checked: an element with more is refused first,
 * by a pass over the markup that costs milliseconds.
 */
import { markupOf } from './xml-markup';

export const MAX_ATTRIBUTES_PER_ELEMENT = 8;

/** True when a tag of the body has more than MAX_ATTRIBUTES_PER_ELEMENT attributes; an unterminated markup is MalformedXML. */
export function hasTooManyAttributes(body: string): boolean {
  for (const markup of markupOf(body)) {
    if (markup.kind === 'tag' && markup.equalSigns > MAX_ATTRIBUTES_PER_ELEMENT) return true;
  }
  return false;
}
