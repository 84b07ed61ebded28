import { S3Error } from './errors';
import { hasTooManyAttributes, MAX_ATTRIBUTES_PER_ELEMENT } from './xml-attribute-limit';
import { parseXml } from './xml';

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const S3 = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/** An element `<Object>` with `count` attributes. */
function objectWith(count: number): string {
  return `<Delete><Object${Array.from({ length: count }, (_, index) => ` a${index}="x"`).join('')}><Key>k</Key></Object></Delete>`;
}

describe('hasTooManyAttributes', () => {
  it.each([
    ['botocore and the JS SDK: xmlns on the root, xmlns:xsi and xsi:type on a grantee', `<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy ${S3}><AccessControlList><Grant><Grantee ${XSI} xsi:type="CanonicalUser"><ID>i</ID></Grantee></Grant></AccessControlList></AccessControlPolicy>`],
    ['aws-sdk-go v1: a grantee type in four attributes', `<Grant><Grantee xmlns:_xmlns="xmlns" _xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="CanonicalUser"><ID>i</ID></Grantee></Grant>`],
    ['xmlns on every element', `<Delete ${S3}><Object ${S3}><Key ${S3}>k</Key></Object><Quiet ${S3}>true</Quiet></Delete>`],
    ['as many attributes as allowed', objectWith(MAX_ATTRIBUTES_PER_ELEMENT)],
    ['= in text, comments, instructions, CDATA and quoted values', `<Delete><!-- a=b c=d e=f g=h i=j k=l m=n o=p q=r --><?pi a=b c=d e=f g=h i=j k=l m=n o=p q=r?><Object a="=========" b='=========='><Key>=========<![CDATA[=========]]></Key></Object></Delete>`],
  ])('takes %s', (_name, body) => {
    expect(hasTooManyAttributes(body)).toBe(false);
  });

  it('refuses one attribute more than allowed on any element, the root or a nested one', () => {
    expect(hasTooManyAttributes(objectWith(MAX_ATTRIBUTES_PER_ELEMENT + 1))).toBe(true);
    expect(hasTooManyAttributes(`<Delete${' a="x"'.repeat(MAX_ATTRIBUTES_PER_ELEMENT + 1)}/>`)).toBe(true);
  });

  it('counts past a > inside a quoted value, which does not end the tag', () => {
    expect(hasTooManyAttributes(`<Delete><Object a=">"${' b="x"'.repeat(MAX_ATTRIBUTES_PER_ELEMENT)}/></Delete>`)).toBe(true);
  });

  it('refuses an unterminated tag or quoted value as MalformedXML', () => {
    expect(() => hasTooManyAttributes('<Delete a="x>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
    expect(() => hasTooManyAttributes('<Delete a="x"')).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
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
