import { storageV1 } from '@strongroom/contracts';
import { OBJECT_ATTRIBUTES, type ObjectAttribute } from './object-attributes-header';
import { objectAttributesXml } from './object-attributes-xml';
import { renderXml } from './xml';

const { ChecksumAlgorithm, ChecksumType } = storageV1;
const ALL = new Set(OBJECT_ATTRIBUTES);

function object(overrides: Partial<storageV1.ObjectInfo>): storageV1.ObjectInfo {
  return storageV1.ObjectInfo.fromPartial({ etag: '"0123456789abcdef0123456789abcdef"', size: 11, storageClass: 'STANDARD', ...overrides });
}

function rendered(info: storageV1.ObjectInfo, requested: ReadonlySet<ObjectAttribute> = ALL, parts?: storageV1.ObjectPartsPage, marker = 0): string {
  return renderXml('GetObjectAttributesResponse', objectAttributesXml({ object: info, ...(parts === undefined ? {} : { parts }) }, requested, marker)).replace(/^<\?xml[^>]*>\n/, '');
}

describe('objectAttributesXml', () => {
  it('a single-part object: the ETag without quotes, storage class, size and its checksum; no ObjectParts', () => {
    const info = object({ checksum: { algorithm: ChecksumAlgorithm.SHA256, value: 'c2hhMjU2', type: ChecksumType.FULL_OBJECT } });
    expect(rendered(info)).toBe(
      '<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<ETag>0123456789abcdef0123456789abcdef</ETag>' +
        '<Checksum><ChecksumSHA256>c2hhMjU2</ChecksumSHA256><ChecksumType>FULL_OBJECT</ChecksumType></Checksum>' +
        '<StorageClass>STANDARD</StorageClass><ObjectSize>11</ObjectSize>' +
        '</GetObjectAttributesResponse>',
    );
  });

  it('only the attributes asked for; no Checksum element for an object without one', () => {
    expect(rendered(object({}), new Set<ObjectAttribute>(['ObjectSize', 'Checksum']))).toBe(
      '<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectSize>11</ObjectSize></GetObjectAttributesResponse>',
    );
  });

  it('a COMPOSITE multipart object: its checksum without the part count, and the page of parts with their checksums', () => {
    const info = object({ etag: '"0123456789abcdef0123456789abcdef-3"', partsCount: 3, checksum: { algorithm: ChecksumAlgorithm.CRC32, value: 'AAAAAA==-3', type: ChecksumType.COMPOSITE } });
    const page: storageV1.ObjectPartsPage = {
      parts: [{ partNumber: 2, etag: '"e"', size: 5, checksum: { algorithm: ChecksumAlgorithm.CRC32, value: 'BBBBBB==', type: ChecksumType.UNSPECIFIED } }],
      maxParts: 1,
      isTruncated: true,
      nextPartNumberMarker: 2,
    };
    expect(rendered(info, new Set<ObjectAttribute>(['ETag', 'Checksum', 'ObjectParts']), page, 1)).toBe(
      '<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<ETag>0123456789abcdef0123456789abcdef-3</ETag>' +
        '<Checksum><ChecksumCRC32>AAAAAA==</ChecksumCRC32><ChecksumType>COMPOSITE</ChecksumType></Checksum>' +
        '<ObjectParts><PartsCount>3</PartsCount><PartNumberMarker>1</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker>' +
        '<MaxParts>1</MaxParts><IsTruncated>true</IsTruncated><Part><PartNumber>2</PartNumber><Size>5</Size><ChecksumCRC32>BBBBBB==</ChecksumCRC32></Part></ObjectParts>' +
        '</GetObjectAttributesResponse>',
    );
  });

  it('a multipart object the storage service lists no parts of (FULL_OBJECT or no checksum): the part count alone', () => {
    const info = object({ partsCount: 2, checksum: { algorithm: ChecksumAlgorithm.CRC64NVME, value: 'AAAAAAAAAAA=', type: ChecksumType.FULL_OBJECT } });
    expect(rendered(info, new Set<ObjectAttribute>(['ObjectParts', 'Checksum']))).toBe(
      '<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Checksum><ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME><ChecksumType>FULL_OBJECT</ChecksumType></Checksum>' +
        '<ObjectParts><PartsCount>2</PartsCount></ObjectParts>' +
        '</GetObjectAttributesResponse>',
    );
  });
});
