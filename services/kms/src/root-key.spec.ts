import { UnwrapError, systemRandom } from '@strongroom/crypto';
import { Secret } from '@strongroom/observability';
import { decodeRootKey, RootKey } from './root-key';

const BYTES = Uint8Array.from({ length: 32 }, (_, i) => i * 3);
const HEX = Buffer.from(BYTES).toString('hex');
const BASE64 = Buffer.from(BYTES).toString('base64');
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const material = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('decodeRootKey', () => {
  it.each([
    ['lower-case hex', HEX],
    ['upper-case hex', HEX.toUpperCase()],
    ['base64', BASE64],
    ['base64 with a trailing newline', `${BASE64}\n`],
    ['base64url', Buffer.from(HEX, 'hex').toString('base64url')],
    ['hex with surrounding space', `  ${HEX}  `],
  ])('decodes %s', (_name, text) => {
    const secret = decodeRootKey(text);
    expect(hex(secret.reveal())).toBe(HEX);
    expect(String(secret)).toBe('[redacted]');
  });

  it.each([
    ['nothing', ''],
    ['62 hex characters', HEX.slice(2)],
    ['66 hex characters', `${HEX}ab`],
    ['31 bytes of base64', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes of base64', Buffer.alloc(33, 1).toString('base64')],
    ['64 bytes of base64', Buffer.alloc(64, 1).toString('base64')],
    ['text that is neither', 'correct horse battery staple'],
    ['base64 with junk after it', `${BASE64}!!!!`],
    ['base64 with junk inside it', `${BASE64.slice(0, 20)}$$$$${BASE64.slice(20)}`],
  ])('refuses %s, naming the expected forms', (_name, text) => {
    expect(() => decodeRootKey(text)).toThrow('the root key must be 32 bytes, as 64 hex characters or base64');
  });
});

describe('RootKey', () => {
  it('refuses a key that is not 32 bytes', () => {
    expect(() => new RootKey(new Secret(new Uint8Array(16)))).toThrow(RangeError);
    expect(() => new RootKey(new Secret(new Uint8Array(33)))).toThrow(RangeError);
  });

  it('has a stable public id of 16 hex characters that differs between keys and is not the key', () => {
    const id = new RootKey(new Secret(BYTES)).id;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new RootKey(new Secret(Uint8Array.from(BYTES))).id).toBe(id);
    expect(new RootKey(new Secret(new Uint8Array(32))).id).not.toBe(id);
    expect(HEX).not.toContain(id);
  });

  it('wraps material into 60 bytes that unwrap only for the same key id and version', () => {
    const rootKey = new RootKey(new Secret(BYTES));
    const wrapped = rootKey.wrapMaterial(KEY_ID, 3, material, systemRandom);
    expect(wrapped).toHaveLength(32 + 28);
    expect(hex(wrapped)).not.toContain(hex(material));
    expect(hex(rootKey.unwrapMaterial(KEY_ID, 3, wrapped))).toBe(hex(material));

    expect(() => rootKey.unwrapMaterial(KEY_ID, 2, wrapped)).toThrow(UnwrapError);
    expect(() => rootKey.unwrapMaterial(KEY_ID, 4, wrapped)).toThrow(UnwrapError);
    expect(() => rootKey.unwrapMaterial(KEY_ID.replace('1234abcd', '1234abce'), 3, wrapped)).toThrow(UnwrapError);
    expect(() => new RootKey(new Secret(new Uint8Array(32))).unwrapMaterial(KEY_ID, 3, wrapped)).toThrow(UnwrapError);
    const tampered = Uint8Array.from(wrapped);
    tampered[40] = tampered[40]! ^ 1;
    expect(() => rootKey.unwrapMaterial(KEY_ID, 3, tampered)).toThrow(UnwrapError);
  });
});

describe('RootKey.wipe', () => {
  it('leaves a root key that wraps and unwraps nothing, and the bytes it was given to their giver', () => {
    const given = Uint8Array.from(BYTES);
    const rootKey = new RootKey(new Secret(given));
    const wrapped = rootKey.wrapMaterial(KEY_ID, 1, material, systemRandom);
    rootKey.wipe();
    expect(() => rootKey.wrapMaterial(KEY_ID, 1, material, systemRandom)).toThrow('the root key was wiped');
    expect(() => rootKey.unwrapMaterial(KEY_ID, 1, wrapped)).toThrow('the root key was wiped');
    expect(hex(given)).toBe(HEX);
  });
});
