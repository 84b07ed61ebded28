import { KmsError } from './kms-error';
import { KmsInput } from './kms-input';

const input = (members: object) => KmsInput.parse(Buffer.from(JSON.stringify(members)));

function failure(read: () => unknown): [string, string] {
  try {
    read();
  } catch (error) {
    if (error instanceof KmsError) return [error.type, error.message];
    throw error;
  }
  throw new Error('expected a KmsError');
}

describe('KmsInput', () => {
  it('parses an object body; an empty body is {}', () => {
    expect(KmsInput.parse(Buffer.alloc(0)).has('KeyId')).toBe(false);
    expect(failure(() => KmsInput.parse(Buffer.from('{')))[0]).toBe('SerializationException');
    expect(failure(() => KmsInput.parse(Buffer.from('[1]')))[0]).toBe('SerializationException');
  });

  it('reads strings with the model length bounds, null as absent', () => {
    expect(input({ KeyId: 'alias/a' }).requiredString('KeyId', { max: 2048 })).toBe('alias/a');
    expect(input({ Description: null }).string('Description')).toBeUndefined();
    expect(failure(() => input({}).requiredString('KeyId'))).toEqual([
      'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    ]);
    expect(failure(() => input({ KeyId: '' }).requiredString('KeyId'))).toEqual([
      'ValidationException',
      "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
    expect(failure(() => input({ KeyId: 5 }).string('KeyId'))[0]).toBe('SerializationException');
  });

  it('reads enums, integers and booleans', () => {
    expect(input({ KeySpec: 'AES_128' }).choice('KeySpec', ['AES_256', 'AES_128'])).toBe('AES_128');
    expect(failure(() => input({ KeySpec: 'AES_512' }).choice('KeySpec', ['AES_256', 'AES_128']))[1]).toContain('Member must satisfy enum value set: [AES_256, AES_128]');
    expect(input({ Limit: 10 }).integer('Limit', { min: 1, max: 1000 })).toBe(10);
    expect(failure(() => input({ Limit: 0 }).integer('Limit', { min: 1, max: 1000 }))[1]).toContain('greater than or equal to 1');
    expect(failure(() => input({ Limit: 1.5 }).integer('Limit', { min: 1, max: 1000 }))[0]).toBe('SerializationException');
    expect(input({ DryRun: false }).boolean('DryRun')).toBe(false);
    expect(failure(() => input({ DryRun: 'yes' }).boolean('DryRun'))[0]).toBe('SerializationException');
  });

  it('reads blobs from base64, with their byte bounds', () => {
    expect(input({ Plaintext: Buffer.from('hi').toString('base64') }).requiredBlob('Plaintext')).toEqual(Buffer.from('hi'));
    expect(failure(() => input({ Plaintext: 'not base64!' }).blob('Plaintext'))[0]).toBe('SerializationException');
    expect(failure(() => input({ Plaintext: Buffer.alloc(4097).toString('base64') }).blob('Plaintext', { max: 4096 }))).toEqual([
      'ValidationException',
      "1 validation error detected: Value of length 4097 at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    ]);
  });

  it('reads encryption contexts, string lists and structures', () => {
    expect(input({ EncryptionContext: { a: '1' } }).stringMap('EncryptionContext')).toEqual({ a: '1' });
    expect(input({}).stringMap('EncryptionContext')).toEqual({});
    expect(failure(() => input({ EncryptionContext: { a: 1 } }).stringMap('EncryptionContext'))[0]).toBe('SerializationException');
    expect(input({ GrantTokens: ['t'] }).strings('GrantTokens', { max: 10 })).toEqual(['t']);
    expect(failure(() => input({ GrantTokens: Array(11).fill('t') }).strings('GrantTokens', { max: 10 }))[0]).toBe('ValidationException');
    expect(input({ Tags: [{ TagKey: 'k' }] }).structures('Tags')?.[0]?.string('TagKey')).toBe('k');
  });

  it('keeps an encryption context key named __proto__; refuses a lone surrogate, invalid UTF-8 and a byte order mark', () => {
    const context = KmsInput.parse(Buffer.from('{"EncryptionContext":{"__proto__":"tenant-a"}}')).stringMap('EncryptionContext');
    expect(Object.entries(context)).toEqual([['__proto__', 'tenant-a']]);
    expect(failure(() => KmsInput.parse(Buffer.from('{"EncryptionContext":{"tenant":"\\ud800"}}')))).toEqual([
      'SerializationException',
      'The request body is not valid JSON (a lone UTF-16 surrogate).',
    ]);
    expect(failure(() => KmsInput.parse(Buffer.from([0x7b, 0xff, 0x7d])))).toEqual(['SerializationException', 'The request body is not valid JSON (invalid UTF-8).']);
    expect(failure(() => KmsInput.parse(Buffer.from('\ufeff{}')))).toEqual(['SerializationException', 'The request body is not valid JSON (a syntax error).']);
  });

  it('does not read members from the prototype', () => {
    expect(input({}).has('constructor')).toBe(false);
  });
});
