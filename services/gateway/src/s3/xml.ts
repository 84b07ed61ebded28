/**
 * S3's XML: rendering responses (every text escaped, characters XML 1.0
 * cannot carry written as character references as S3 does) and parsing
 * request bodies with fast-xml-parser (no DTDs; anything malformed is
 * MalformedXML).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from './errors';
import { exceedsMarkupLimits } from './xml-markup-limits';
import { cdataAsText } from './xml-cdata';

/** The namespace of S3's XML documents. */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The namespace of `xsi:type` on ACL grantees. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** A value to render: text, a nested element, or an array for a repeated element. `undefined` is left out. */
export type XmlValue = string | number | boolean | Date | XmlElement | readonly XmlValue[] | undefined;

/** One child of a run of siblings with different names, in an order of their own. */
export interface NamedElement {
  readonly name: string;
  readonly content: XmlElement;
}

/**
 * An element's children by name, in order; the key `@` holds its
 * attributes, the key `#` a run of differently named children that must
 * keep their own order (ListObjectVersions interleaves `<Version>` and
 * `<DeleteMarker>`), rendered where the key stands.
 */
export interface XmlElement {
  readonly '@'?: Readonly<Record<string, string>>;
  readonly '#'?: readonly NamedElement[];
  readonly [name: string]: XmlValue | Readonly<Record<string, string>> | readonly NamedElement[];
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for an element or attribute; control characters become
 * character references, as S3 writes them (a carriage return too: a raw one
 * reads as a line feed to every XML parser, so a key `a\rb` would be listed
 * as `a\nb`, which names no object), but NUL, which no XML can carry
 * even as a reference (only an error's echo of a request holds one), becomes
 * U+FFFD.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\u0000-\u0008\u000B-\u001F\u007F]/g, (char) =>
    char === '\u0000' ? '\uFFFD' : (ESCAPES[char] ?? `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`),
  );
}

function renderText(value: string | number | boolean | Date): string {
  return escapeXml(value instanceof Date ? value.toISOString() : String(value));
}

function renderAttributes(attributes: Readonly<Record<string, string>> | undefined): string {
  if (attributes === undefined) return '';
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

function renderValue(name: string, value: XmlValue, out: string[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlValue[]) renderValue(name, item, out);
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const element = value as XmlElement;
    out.push(`<${name}${renderAttributes(element['@'])}>`);
    renderChildren(element, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${renderText(value)}</${name}>`);
}

function renderChildren(element: XmlElement, out: string[]): void {
  for (const [name, value] of Object.entries(element)) {
    if (name === '#') for (const child of value as readonly NamedElement[]) renderValue(child.name, child.content, out);
    else if (name !== '@') renderValue(name, value as XmlValue, out);
  }
}

/**
 * Renders a document: the XML declaration, then `root` with `content` (child
 * elements, or text) and `xmlns` unless `namespace` is null.
 */
export function renderXml(root: string, content: XmlElement | string, namespace: string | null = S3_XMLNS): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const xmlns = namespace === null ? '' : ` xmlns="${namespace}"`;
  if (typeof content === 'string') {
    out.push(`<${root}${xmlns}>${escapeXml(content)}</${root}>`);
  } else {
    out.push(`<${root}${xmlns}${renderAttributes(content['@'])}>`);
    renderChildren(content, out);
    out.push(`</${root}>`);
  }
  return out.join('');
}

/** Elements that repeat in S3 request bodies: always parsed as arrays. */
const REPEATED = new Set(['Object', 'Part', 'Tag', 'Grant', 'Rule']);

/** The five entities XML predefines; XML has no others without a DTD. */
/** XML's five predefined entities; a Map, so that a name such as `constructor` or `__proto__` is no entity. */
const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** True for a code point XML may carry: its `Char`s, and the control characters S3 writes as references (`&#x1;`), but never NUL, a surrogate, U+FFFE or U+FFFF. */
function isReferableCodePoint(codePoint: number): boolean {
  return codePoint >= 1 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff) && codePoint !== 0xfffe && codePoint !== 0xffff;
}


/** The text one reference (between `&` and `;`) stands for; MalformedXML unless it is a predefined entity or a referable character. */
function referencedText(reference: string): string {
  const entity = PREDEFINED_ENTITIES.get(reference);
  if (entity !== undefined) return entity;
  const hex = /^#x([0-9A-Fa-f]+)$/.exec(reference)?.[1];
  const decimal = hex === undefined ? /^#([0-9]+)$/.exec(reference)?.[1] : undefined;
  if (hex === undefined && decimal === undefined) throw new S3Error('MalformedXML');
  const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
  if (!isReferableCodePoint(codePoint)) throw new S3Error('MalformedXML');
  return String.fromCodePoint(codePoint);
}

/**
 * Decodes the references in parsed text: the predefined entities and
 * character references (leading zeros allowed), control characters included
 * (S3, and Strongroom's listings, write a key's control characters as
 * `&#x1;`, so a key copied from a listing must name that same key). Every
 * `&` starts a reference: one that is not a predefined entity or a
 * referable character is MalformedXML, never kept as text or dropped.
 */
function decodeXmlReferences(text: string): string {
  let at = text.indexOf('&');
  if (at < 0) return text;
  let decoded = '';
  let from = 0;
  while (at >= 0) {
    const end = text.indexOf(';', at + 1);
    if (end < 0) throw new S3Error('MalformedXML');
    decoded += text.slice(from, at) + referencedText(text.slice(at + 1, end));
    from = end + 1;
    at = text.indexOf('&', from);
  }
  return decoded + text.slice(from);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // fast-xml-parser's own decoding drops references to control characters (`c&#x1;d` became `cd`): ours decodes them all.
  processEntities: false,
  tagValueProcessor: (_name, value) => decodeXmlReferences(value),
  attributeValueProcessor: (_name, value) => decodeXmlReferences(value),
  isArray: (name) => REPEATED.has(name),
  // None of the callbacks reads the element's path, which the parser otherwise writes out as text for every call.
  jPath: false,
});

/**
 * What no request body may hold: a raw NUL or other C0 control character but
 * tab, line feed and carriage return, which XML 1.0 does not allow at all (a
 * raw carriage return is a line end, which the parser reads as a line feed,
 * as XML 1.0's end-of-line handling says; a key with one is written `&#13;`).
 * S3 answers such a body MalformedXML (DeleteObjects of a key botocore or the
 * Java SDK wrote with its raw control character: boto/boto3#2005,
 * aws/aws-sdk-java#333); a reference to one (`&#x1;`), as listings write
 * it, is taken (decodeXmlReferences).
 */
const UNTAKEN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** A parsed element: text, or children by name (attributes prefixed `@`). */
export type ParsedXml = string | { readonly [name: string]: ParsedXml | readonly ParsedXml[] };

/**
 * Parses a request body whose root must be `root`, and returns the root's
 * content. Malformed XML, a DTD, a raw control character (UNTAKEN_XML), more
 * markup than S3's documents hold (an element's attributes, elements and
 * processing instructions: checked first, as it is cheap,
 * exceedsMarkupLimits) or another root is MalformedXML; a
 * CDATA section is the text it holds. The validator's pass is not the
 * parser's: the parser takes what is not XML (a mismatched or unclosed
 * tag, an attribute twice, text beside the root).
 */
export function parseXml(body: string, root: string): ParsedXml {
  if (body.trim() === '' || /<!DOCTYPE/i.test(body) || UNTAKEN_XML.test(body) || exceedsMarkupLimits(body) || XMLValidator.validate(body) !== true) {
    throw new S3Error('MalformedXML');
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(cdataAsText(body)) as Record<string, unknown>;
  } catch (error) {
    // What the validator lets through and the parser refuses (elements nested deeper than it goes) is the body's fault, not a server error.
    throw new S3Error('MalformedXML', undefined, {}, error);
  }
  const names = Object.keys(document).filter((name) => name !== '?xml');
  if (names.length !== 1 || names[0] !== root) throw new S3Error('MalformedXML');
  return document[root] as ParsedXml;
}

/** The children of an element (empty for text). */
export function childrenOf(element: ParsedXml | readonly ParsedXml[] | undefined): { readonly [name: string]: ParsedXml | readonly ParsedXml[] } {
  if (element === undefined || typeof element === 'string' || Array.isArray(element)) return {};
  return element as { readonly [name: string]: ParsedXml | readonly ParsedXml[] };
}

/** The text of a child element, or undefined when absent; an element with children is MalformedXML. */
export function childText(element: ParsedXml | readonly ParsedXml[] | undefined, name: string): string | undefined {
  const child = childrenOf(element)[name];
  if (child === undefined) return undefined;
  if (typeof child === 'string') return child;
  if (Array.isArray(child)) throw new S3Error('MalformedXML');
  const text = (child as Record<string, unknown>)['#text'];
  if (Object.keys(child).every((key) => key === '#text' || key.startsWith('@')) && typeof text === 'string') return text;
  throw new S3Error('MalformedXML');
}

/** Refuses (MalformedXML) an element with a child other than `allowed`, or with text (beside its children or alone). */
export function onlyChildren(element: ParsedXml | readonly ParsedXml[] | undefined, allowed: readonly string[]): void {
  if (typeof element === 'string' && element.trim() !== '') throw new S3Error('MalformedXML');
  for (const [name, child] of Object.entries(childrenOf(element))) {
    if (name.startsWith('@') || allowed.includes(name)) continue;
    if (name === '#text' && typeof child === 'string' && child.trim() === '') continue;
    throw new S3Error('MalformedXML');
  }
}

/** The occurrences of a repeated child element. */
export function childList(element: ParsedXml | readonly ParsedXml[] | undefined, name: string): readonly ParsedXml[] {
  const child = childrenOf(element)[name];
  if (child === undefined) return [];
  return Array.isArray(child) ? (child as readonly ParsedXml[]) : [child as ParsedXml];
}

/** A child element `true`/`false`; absent is `fallback`, anything else MalformedXML. */
export function childBoolean(element: ParsedXml | undefined, name: string, fallback: boolean): boolean {
  const text = childText(element, name);
  if (text === undefined) return fallback;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new S3Error('MalformedXML');
}
