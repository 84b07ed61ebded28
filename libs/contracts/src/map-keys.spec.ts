import { kmsV1, storageV1 } from './index';

/** A map whose one key is `__proto__`, as JSON.parse makes it (an own property; a literal would set the prototype). */
const protoKeyed = (value: string): Record<string, string> => JSON.parse(`{"__proto__":${JSON.stringify(value)}}`) as Record<string, string>;

describe('generated map fields keep every key (scripts/proto-own-map-keys.mjs)', () => {
  it('an encryption context key named __proto__ survives fromPartial, encode, decode, toJSON and fromJSON', () => {
    const request = kmsV1.EncryptRequest.fromPartial({ keyId: 'k', plaintext: Buffer.from('x'), encryptionContext: protoKeyed('tenant-a') });
    const decoded = kmsV1.EncryptRequest.decode(kmsV1.EncryptRequest.encode(request).finish());
    const rejsoned = kmsV1.EncryptRequest.fromJSON(kmsV1.EncryptRequest.toJSON(decoded));
    for (const message of [request, decoded, rejsoned]) {
      expect(Object.entries(message.encryptionContext)).toEqual([['__proto__', 'tenant-a']]);
      expect(Object.getPrototypeOf(message.encryptionContext)).toBe(Object.prototype);
    }
  });

  it('so does user metadata of that name', () => {
    const options = storageV1.WriteOptions.fromPartial({ userMetadata: protoKeyed('kept') });
    const decoded = storageV1.WriteOptions.decode(storageV1.WriteOptions.encode(options).finish());
    expect(Object.entries(decoded.userMetadata)).toEqual([['__proto__', 'kept']]);
  });
});
