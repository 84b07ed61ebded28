import { S3Error } from './errors';
import { exceedsMarkupLimits, MAX_ATTRIBUTES, MAX_ATTRIBUTES_PER_ELEMENT, MAX_NODES } from './xml-markup-limits';
import { parseXml } from './xml';

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const S3 = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/** An element `<Object>` with `count` attributes. */
function objectWith(count: number): string {
  return `<Delete><Object${Array.from({ length: count }, (_, index) => ` a${index}="x"`).join('')}><Key>k</Key></Object></Delete>`;
}

describe('exceedsMarkupLimits: attributes', () => {
  it.each([
    ['botocore and the JS SDK: xmlns on the root, xmlns:xsi and xsi:type on a grantee', `<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy ${S3}><AccessControlList><Grant><Grantee ${XSI} xsi:type="CanonicalUser"><ID>i</ID></Grantee></Grant></AccessControlList></AccessControlPolicy>`],
    ['aws-sdk-go v1: a grantee type in four attributes', `<Grant><Grantee xmlns:_xmlns="xmlns" _xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="CanonicalUser"><ID>i</ID></Grantee></Grant>`],
    ['xmlns on every element', `<Delete ${S3}><Object ${S3}><Key ${S3}>k</Key></Object><Quiet ${S3}>true</Quiet></Delete>`],
    ['as many attributes as allowed', objectWith(MAX_ATTRIBUTES_PER_ELEMENT)],
    ['names and = in text, comments, CDATA and quoted values', `<Delete><!-- a=b c=d e=f g=h i=j k=l m=n o=p q=r --><Object a="= b c d e f g h i j" b='=========='><Key>a b c d e f g h i =<![CDATA[a b c d e f g h i =]]></Key></Object></Delete>`],
    ['an XML declaration with version, encoding and standalone', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Delete><Object><Key>k</Key></Object></Delete>`],
  ])('takes %s', (_name, body) => {
    expect(exceedsMarkupLimits(body)).toBe(false);
  });

  it('refuses one attribute more than allowed on any element, the root or a nested one', () => {
    expect(exceedsMarkupLimits(objectWith(MAX_ATTRIBUTES_PER_ELEMENT + 1))).toBe(true);
    expect(exceedsMarkupLimits(`<Delete${' a="x"'.repeat(MAX_ATTRIBUTES_PER_ELEMENT + 1)}/>`)).toBe(true);
  });

  it('refuses more attributes in all than elements a body may hold, and takes xmlns on every element of the largest', () => {
    const elements = (count: number) => `<Delete ${S3}>${`<Object ${S3}/>`.repeat(count - 1)}</Delete>`;
    expect(exceedsMarkupLimits(elements(MAX_ATTRIBUTES))).toBe(false);
    expect(exceedsMarkupLimits(`<Delete>${'<a b="" c=""/>'.repeat(MAX_ATTRIBUTES / 2 + 1)}</Delete>`)).toBe(true);
  });

  it('counts attributes without a value, and those of processing instructions, which the parser reads as a tag\'s', () => {
    expect(exceedsMarkupLimits(`<Delete${' b'.repeat(MAX_ATTRIBUTES_PER_ELEMENT + 1)}/>`)).toBe(true);
    expect(exceedsMarkupLimits(`<Delete><?pi${' b="x"'.repeat(MAX_ATTRIBUTES_PER_ELEMENT + 1)}?></Delete>`)).toBe(true);
    expect(exceedsMarkupLimits(`<Delete>${'<?a b="1" c="2"?>'.repeat(MAX_ATTRIBUTES / 2 + 1)}</Delete>`)).toBe(true);
    expect(exceedsMarkupLimits(`<Delete><?pi a="?>" b c d e f g h i?></Delete>`)).toBe(true);
  });

  it('refuses a quote that does not follow an =, which would hide names from the count but not from the parser', () => {
    const hidden = Array.from({ length: 20 }, (_, index) => ` b${index}=""`).join('');
    for (const body of [`<?a 'x${hidden}'?><R/>`, `<R "x${hidden}"/>`, `<R a="1" 'b'/>`]) {
      expect(() => exceedsMarkupLimits(body)).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
    }
    expect(exceedsMarkupLimits(`<R a = "1" b\t=\n'2'/>`)).toBe(false);
  });

  it('counts past a > inside a quoted value, which does not end the tag', () => {
    expect(exceedsMarkupLimits(`<Delete><Object a=">"${' b="x"'.repeat(MAX_ATTRIBUTES_PER_ELEMENT)}/></Delete>`)).toBe(true);
  });

  it('refuses an unterminated tag or quoted value as MalformedXML', () => {
    expect(() => exceedsMarkupLimits('<Delete a="x>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
    expect(() => exceedsMarkupLimits('<Delete a="x"')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });
});

describe('exceedsMarkupLimits: elements and processing instructions', () => {
  const CHECKSUMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'].map((name) => `<Checksum${name}>AAAAAA==</Checksum${name}>`).join('');

  it('takes the largest S3 document: a CompleteMultipartUpload of 10000 parts with every element a part has', () => {
    const parts = Array.from({ length: 10_000 }, (_, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>"e"</ETag>${CHECKSUMS}</Part>`).join('');
    expect(exceedsMarkupLimits(`<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload ${S3}>${parts}</CompleteMultipartUpload>`)).toBe(false);
  });

  it('counts elements, empty or not, and processing instructions, not closing tags, comments or CDATA sections', () => {
    expect(exceedsMarkupLimits(`<Delete>${'<a/>'.repeat(MAX_NODES - 1)}</Delete>`)).toBe(false);
    expect(exceedsMarkupLimits(`<Delete>${'<a/>'.repeat(MAX_NODES)}</Delete>`)).toBe(true);
    expect(exceedsMarkupLimits(`<Delete>${'<a></a>'.repeat(MAX_NODES)}</Delete>`)).toBe(true);
    expect(exceedsMarkupLimits(`<Delete>${'<?a?>'.repeat(MAX_NODES)}</Delete>`)).toBe(true);
    expect(exceedsMarkupLimits(`<Delete>${'<!---->'.repeat(MAX_NODES)}<Key>${'<![CDATA[]]>'.repeat(MAX_NODES)}</Key></Delete>`)).toBe(false);
  });
});

describe('parseXml with attributes', () => {
  it('refuses a tag made of attributes as MalformedXML before the validator and parser read it', () => {
    expect(() => parseXml(objectWith(150_000), 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
    expect(() => parseXml(objectWith(MAX_ATTRIBUTES_PER_ELEMENT + 1), 'Delete')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });

  it('reads a grantee type as aws-sdk-go v1 writes it, in four attributes', () => {
    const body = `<Grantee xmlns:_xmlns="xmlns" _xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="CanonicalUser"><ID>i</ID></Grantee>`;
    expect((parseXml(body, 'Grantee') as { '@type': string })['@type']).toBe('CanonicalUser');
  });
});
