import { randomBytes } from 'node:crypto';
import { decodeDataMessage, encodeDataMessage, storageServiceDefinition } from './bulk-data';
import * as storageV1 from './gen/index.strongroom.storage.v1';

/** Lengths around every varint boundary of the length prefix, and a bulk message. */
const LENGTHS = [0, 1, 127, 128, 16_383, 16_384, 512 * 1024, 2_097_151, 2_097_152];

const bulkTypes = [
  ['PutObjectRequest', storageV1.PutObjectRequest, storageServiceDefinition.methods.putObject.requestType],
  ['UploadPartRequest', storageV1.UploadPartRequest, storageServiceDefinition.methods.uploadPart.requestType],
  ['GetObjectResponse', storageV1.GetObjectResponse, storageServiceDefinition.methods.getObject.responseType],
] as const;

describe('encodeDataMessage', () => {
  it.each(LENGTHS)('encodes %i bytes exactly as the generated encoder does', (length) => {
    const data = randomBytes(length);
    const generated = storageV1.PutObjectRequest.encode({ part: { $case: 'data', value: data } }).finish();
    expect(Buffer.from(encodeDataMessage(data)).equals(Buffer.from(generated))).toBe(true);
  });
});

describe('decodeDataMessage', () => {
  it.each(LENGTHS)('reads %i bytes of data as the generated decoder does, without a copy', (length) => {
    const data = randomBytes(length);
    const encoded = Buffer.from(storageV1.PutObjectRequest.encode({ part: { $case: 'data', value: data } }).finish());
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 0]), encoded]).subarray(5);
    const decoded = decodeDataMessage(framed);
    expect(decoded?.equals(data)).toBe(true);
    expect(decoded?.buffer).toBe(framed.buffer);
  });

  it('leaves every other message to the generated decoder', () => {
    const header = storageV1.PutObjectRequest.encode({ part: { $case: 'header', value: storageV1.PutObjectHeader.fromPartial({ bucket: 'b' }) } }).finish();
    const dataThenTrailer = Buffer.concat([
      encodeDataMessage(Buffer.from('abc')),
      storageV1.PutObjectRequest.encode({ part: { $case: 'trailer', value: { checksum: undefined } } }).finish(),
    ]);
    const truncated = encodeDataMessage(Buffer.alloc(300)).subarray(0, 100);
    const unterminatedLength = Buffer.from([0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    for (const encoded of [header, dataThenTrailer, truncated, unterminatedLength, new Uint8Array(0)]) expect(decodeDataMessage(encoded)).toBeUndefined();
  });

  it('lets the last field win when data is followed by a trailer, as protobuf does', () => {
    const dataThenTrailer = Buffer.concat([
      encodeDataMessage(Buffer.from('abc')),
      storageV1.PutObjectRequest.encode({ part: { $case: 'trailer', value: {} } }).finish(),
    ]);
    expect(storageServiceDefinition.methods.putObject.requestType.decode(dataThenTrailer).part?.$case).toBe('trailer');
  });
});

describe('storageServiceDefinition', () => {
  it.each(bulkTypes)('%s: data messages round-trip through the generated decoder', (_name, generatedType, fastType) => {
    const data = randomBytes(300_000);
    const encoded = fastType.encode({ part: { $case: 'data', value: data } }).finish();
    for (const decoded of [generatedType.decode(encoded), fastType.decode(encoded)]) {
      expect(decoded.part?.$case).toBe('data');
      expect(Buffer.from(decoded.part?.value as Uint8Array).equals(data)).toBe(true);
    }
  });

  it('encodes other messages with the generated encoder', () => {
    const header: storageV1.PutObjectRequest = storageV1.PutObjectRequest.fromPartial({ part: { $case: 'header', value: { bucket: 'b', key: 'k', contentLength: 3 } } });
    const fast = storageServiceDefinition.methods.putObject.requestType.encode(header).finish();
    expect(Buffer.from(fast).equals(Buffer.from(storageV1.PutObjectRequest.encode(header).finish()))).toBe(true);
  });

  it('keeps what is written after a data message, and resets on finish, like the generated writer', () => {
    const data = randomBytes(1000);
    const fast = storageServiceDefinition.methods.putObject.requestType.encode({ part: { $case: 'data', value: data } });
    const generated = storageV1.PutObjectRequest.encode({ part: { $case: 'data', value: data } });
    for (const writer of [fast, generated]) writer.uint32(26).fork().join();
    expect(Buffer.from(fast.finish()).equals(Buffer.from(generated.finish()))).toBe(true);
    expect(fast.finish()).toHaveLength(0);
  });

  it('changes nothing else of the generated definition', () => {
    const generated = storageV1.StorageServiceDefinition;
    expect(storageServiceDefinition.fullName).toBe(generated.fullName);
    expect(Object.keys(storageServiceDefinition.methods)).toEqual(Object.keys(generated.methods));
    expect(storageServiceDefinition.methods.getObject.requestType).toBe(generated.methods.getObject.requestType);
    expect(storageServiceDefinition.methods.putObject.responseType).toBe(generated.methods.putObject.responseType);
  });
});
