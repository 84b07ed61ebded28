import type { IncomingHttpHeaders } from 'node:http';
import type { S3Error } from './errors';
import { partsPaging, requestedAttributes } from './object-attributes-header';

function withHeaders(headers: IncomingHttpHeaders): { headers: IncomingHttpHeaders } {
  return { headers };
}

describe('requestedAttributes', () => {
  it('reads a comma-separated list, with or without spaces, repeated headers included', () => {
    expect([...requestedAttributes(withHeaders({ 'x-amz-object-attributes': 'ETag, ObjectSize,StorageClass' }))]).toEqual(['ETag', 'ObjectSize', 'StorageClass']);
    expect([...requestedAttributes(withHeaders({ 'x-amz-object-attributes': ['Checksum', 'ObjectParts'] }))]).toEqual(['Checksum', 'ObjectParts']);
    expect([...requestedAttributes(withHeaders({ 'x-amz-object-attributes': 'ETag,,ETag' }))]).toEqual(['ETag']);
  });

  it.each([[{}], [{ 'x-amz-object-attributes': '' }], [{ 'x-amz-object-attributes': ' , ' }]])('refuses a missing or empty list (%o) as InvalidRequest', (headers) => {
    expect(() => requestedAttributes(withHeaders(headers))).toThrow(
      expect.objectContaining({ code: 'InvalidRequest', message: 'The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty' }) as S3Error,
    );
  });

  it.each(['Size', 'etag', 'ETag,Owner'])('refuses an unknown name in %s as InvalidArgument, names matched case-sensitively', (value) => {
    expect(() => requestedAttributes(withHeaders({ 'x-amz-object-attributes': value }))).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'Invalid attribute name specified.', details: { ArgumentName: 'x-amz-object-attributes', ArgumentValue: value.split(',').pop() } }) as S3Error,
    );
  });
});

describe('partsPaging', () => {
  it('defaults to 1000 parts from the first, and caps the page at 1000', () => {
    expect(partsPaging(withHeaders({}))).toEqual({ maxParts: 1000, partNumberMarker: 0 });
    expect(partsPaging(withHeaders({ 'x-amz-max-parts': '2', 'x-amz-part-number-marker': '3' }))).toEqual({ maxParts: 2, partNumberMarker: 3 });
    expect(partsPaging(withHeaders({ 'x-amz-max-parts': '5000' })).maxParts).toBe(1000);
  });

  it.each([
    ['x-amz-max-parts', '0'],
    ['x-amz-max-parts', '-1'],
    ['x-amz-max-parts', 'ten'],
    ['x-amz-part-number-marker', '1.5'],
  ])('refuses %s: %s as InvalidArgument', (name, value) => {
    expect(() => partsPaging(withHeaders({ [name]: value }))).toThrow(expect.objectContaining({ code: 'InvalidArgument', details: { ArgumentName: name, ArgumentValue: value } }) as S3Error);
  });
});
