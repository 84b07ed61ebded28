import { S3Error } from './errors';
import { childBoolean, childList, childText, escapeXml, parseXml, renderXml } from './xml';
import { tagsOf } from './tagging-xml';

describe('renderXml', () => {
  it('renders nested and repeated elements with S3 namespace, skipping undefined', () => {
    const xml = renderXml('ListBucketResult', { Name: 'b', Missing: undefined, Contents: [{ Key: 'a&b', Size: 3 }, { Key: '<c>', Size: 0 }], IsTruncated: false });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>' +
        '<Contents><Key>a&amp;b</Key><Size>3</Size></Contents><Contents><Key>&lt;c&gt;</Key><Size>0</Size></Contents><IsTruncated>false</IsTruncated></ListBucketResult>',
    );
  });

  it('renders dates as ISO 8601, attributes, text roots and no namespace on request', () => {
    expect(renderXml('Error', { Code: 'X', At: new Date(0) }, null)).toContain('<Error><Code>X</Code><At>1970-01-01T00:00:00.000Z</At></Error>');
    expect(renderXml('G', { Grantee: { '@': { 'xsi:type': 'Group' }, URI: 'u' } })).toContain('<Grantee xsi:type="Group"><URI>u</URI></Grantee>');
    expect(renderXml('LocationConstraint', 'eu-west-1')).toContain('>eu-west-1</LocationConstraint>');
  });

  it('renders a run of differently named children in its own order where the `#` key stands', () => {
    const xml = renderXml('ListVersionsResult', { Name: 'b', '#': [{ name: 'Version', content: { Key: 'a' } }, { name: 'DeleteMarker', content: { Key: 'a' } }, { name: 'Version', content: { Key: 'b' } }], Prefix: 'p' }, null);
    expect(xml).toContain('<ListVersionsResult><Name>b</Name><Version><Key>a</Key></Version><DeleteMarker><Key>a</Key></DeleteMarker><Version><Key>b</Key></Version><Prefix>p</Prefix></ListVersionsResult>');
  });

  it('escapes control characters as character references', () => {
    expect(escapeXml('a\u0001b"\'')).toBe('a&#x1;b&quot;&apos;');
    expect(escapeXml('a\u0000b')).toBe('a\uFFFDb');
    expect(escapeXml('cr\rkey\ttab\nlf')).toBe('cr&#xD;key\ttab\nlf');
    expect(childText(parseXml(`<A><Key>${escapeXml('cr\rkey')}</Key></A>`, 'A'), 'Key')).toBe('cr\rkey');
  });
});

describe('parseXml', () => {
  it('parses a Delete body, keeping whitespace in keys', () => {
    const body = '<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key> a &amp; b </Key></Object><Quiet>true</Quiet></Delete>';
    const document = parseXml(body, 'Delete');
    expect(childList(document, 'Object').map((object) => childText(object, 'Key'))).toEqual([' a & b ']);
    expect(childBoolean(document, 'Quiet', false)).toBe(true);
  });

  it('refuses elements nested deeper than the parser goes as MalformedXML, not a server error', () => {
    const deep = `<Tagging>${'<a>'.repeat(101)}${'</a>'.repeat(101)}</Tagging>`;
    expect(() => parseXml(deep, 'Tagging')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it.each([
    ['<Tagging><TagSet><a/></TagSet></Tagging>'],
    ['<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value><Extra/></Tag></TagSet></Tagging>'],
    ['<Tagging><TagSet/><Other/></Tagging>'],
    ['<Tagging><TagSet>text<Tag><Key>k</Key></Tag></TagSet></Tagging>'],
    ['<Tagging><TagSet>garbage</TagSet></Tagging>'],
    ['<Tagging>garbage</Tagging>'],
  ])('reads no tag set from %j: an element S3 does not know there is MalformedXML', (body) => {
    expect(() => tagsOf(parseXml(body, 'Tagging'))).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it('reads a tag set laid out with whitespace', () => {
    expect(tagsOf(parseXml('<Tagging>\n  <TagSet>\n    <Tag><Key>k</Key><Value>v</Value></Tag>\n  </TagSet>\n</Tagging>', 'Tagging'))).toEqual([{ key: 'k', value: 'v' }]);
    expect(tagsOf(parseXml('<Tagging><TagSet></TagSet></Tagging>', 'Tagging'))).toEqual([]);
  });

  it.each([['<Delete><Object></Delete>'], [''], ['<Other/>'], ['<!DOCTYPE x [<!ENTITY e "boom">]><Delete>&e;</Delete>'], ['not xml']])('refuses %j as MalformedXML', (body) => {
    expect(() => parseXml(body, 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it.each([['constructor'], ['toString'], ['__proto__'], ['hasOwnProperty']])('refuses &%s; (a name of every JavaScript object, no XML entity) as MalformedXML', (name) => {
    expect(() => parseXml(`<Delete><Object><Key>a&${name};b</Key></Object></Delete>`, 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it('decodes character references, as Go clients write quotes (&#34;), but not twice', () => {
    const body = '<CompleteMultipartUpload><Part><ETag>&#34;f135&#34;</ETag><PartNumber>1</PartNumber></Part><Part><ETag>&amp;#34;x&#x27;</ETag></Part></CompleteMultipartUpload>';
    const parts = childList(parseXml(body, 'CompleteMultipartUpload'), 'Part');
    expect(parts.map((part) => childText(part, 'ETag'))).toEqual(['"f135"', "&#34;x'"]);
  });

  it('decodes references to control characters, as S3 writes them in listings, and in attributes', () => {
    const body = '<Delete><Object><Key>c&#x1;d&#31;e&#xE9;&#x1F600;</Key></Object><Grantee type="a&lt;b">x</Grantee></Delete>';
    const document = parseXml(body, 'Delete');
    expect(childList(document, 'Object').map((object) => childText(object, 'Key'))).toEqual(['c\u0001d\u001fe\u00e9\u{1F600}']);
    expect(childText(document, 'Grantee')).toBe('x');
    expect((document as { Grantee: { '@type': string } }).Grantee['@type']).toBe('a<b');
  });

  it('decodes references with leading zeros, as XML allows', () => {
    expect(childText(parseXml('<A><Key>&#x0000041;&#00000066;</Key></A>', 'A'), 'Key')).toBe('AB');
  });

  it.each([['&#0;'], ['&#x0;'], ['&#xD800;'], ['&#x110000;'], ['&#xFFFE;'], ['&#xFFFF;'], ['&#99999999;'], ['&#x12345678;'], ['&#x;'], ['&#;'], ['&a1;'], ['&_x;'], ['&nbsp;'], ['&unknown;']])(
    'refuses the reference %s as MalformedXML, never drops it or keeps it as text',
    (reference) => {
      expect(() => parseXml(`<Delete><Object><Key>a${reference}b</Key></Object></Delete>`, 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
    },
  );

  it.each([['\u0000'], ['\u0001'], ['\u0008'], ['\u000B'], ['\u000C'], ['\u000E'], ['\u001F']])('refuses the raw control character %j as MalformedXML', (char) => {
    expect(() => parseXml(`<Delete><Object><Key>a${char}b</Key></Object></Delete>`, 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it('takes a raw tab, line feed and DEL, which XML 1.0 allows', () => {
    expect(childText(parseXml('<A><Key>a\tb\nc\u007Fd</Key></A>', 'A'), 'Key')).toBe('a\tb\nc\u007Fd');
  });

  it('reads a raw carriage return, alone or before a line feed, as a line feed (XML 1.0 end-of-line handling), and &#13; as a carriage return', () => {
    expect(childText(parseXml('<A>\r\n<Key>a\r\nb\rc<![CDATA[d\re]]></Key></A>', 'A'), 'Key')).toBe('a\nb\ncd\ne');
    expect(childText(parseXml('<A><Key>a&#13;b&#xD;c</Key></A>', 'A'), 'Key')).toBe('a\rb\rc');
  });

  it('reads a CDATA section as the literal text it holds, beside other text', () => {
    const keyOf = (body: string): string | undefined => childText(childList(parseXml(body, 'Delete'), 'Object')[0], 'Key');
    expect(keyOf('<Delete><Object><Key><![CDATA[a&amp;b<c>]]></Key></Object></Delete>')).toBe('a&amp;b<c>');
    expect(keyOf('<Delete><Object><Key>x&amp;<![CDATA[&]]>y</Key></Object></Delete>')).toBe('x&&y');
    expect(() => parseXml('<Delete><Object><Key><![CDATA[a]]</Key></Object></Delete>', 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it('leaves a CDATA opener inside a comment, a processing instruction or an attribute value as it is', () => {
    const keys = (body: string) => childList(parseXml(body, 'Delete'), 'Object').map((object) => childText(object, 'Key'));
    expect(keys('<Delete><!-- <![CDATA[ --><Object><Key>k&lt;</Key></Object><!-- ]]> --><Object><Key><![CDATA[x]]></Key></Object></Delete>')).toEqual(['k<', 'x']);
    expect(keys('<Delete><?pi <![CDATA[ ?><Object><Key>k</Key></Object><?pi ]]> ?><Object><Key><![CDATA[x]]></Key></Object></Delete>')).toEqual(['k', 'x']);
    expect(keys('<Delete><Object><Key a="<![CDATA[">safe</Key></Object><Object><Key>]]>victim<![CDATA[]]></Key></Object></Delete>')).toEqual(['safe', ']]>victim']);
  });

  it('reads a body full of unterminated markup openers in one pass (a scan from each opener to the end took minutes, blocking the gateway)', () => {
    const openers = '<?'.repeat(500_000);
    const started = performance.now();
    expect(childText(childList(parseXml(`<Delete><Object a="${openers}"><Key><![CDATA[k]]></Key></Object></Delete>`, 'Delete'), 'Object')[0], 'Key')).toBe('k');
    expect(() => parseXml(`<Delete><Object><Key><![CDATA[k]]></Key>${openers}</Object></Delete>`, 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a non-boolean where a boolean belongs', () => {
    expect(() => childBoolean(parseXml('<A><Quiet>yes</Quiet></A>', 'A'), 'Quiet', false)).toThrow(S3Error);
  });
});
