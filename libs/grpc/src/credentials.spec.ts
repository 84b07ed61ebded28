import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialRegistry, parseCredentialEntries, readCredentialsFile, readServiceToken, tokenDigest } from './credentials';

const digest = tokenDigest('gateway-token');

describe('tokenDigest', () => {
  it('is the lowercase hex SHA-256 of the UTF-8 token', () => {
    expect(tokenDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('parseCredentialEntries', () => {
  it('reads the documented format, serviceKeys false unless true', () => {
    const entries = parseCredentialEntries(
      JSON.stringify([
        { name: 'gateway', tokenSha256: digest, accounts: '*', serviceKeys: true },
        { name: 'billing', tokenSha256: digest, accounts: ['123456789012'] },
        { name: 'other', tokenSha256: digest, accounts: [], serviceKeys: 'yes' },
      ]),
    );
    expect(entries).toEqual([
      { name: 'gateway', tokenSha256: digest, accounts: '*', serviceKeys: true },
      { name: 'billing', tokenSha256: digest, accounts: ['123456789012'], serviceKeys: false },
      { name: 'other', tokenSha256: digest, accounts: [], serviceKeys: false },
    ]);
  });

  it('rejects anything but an array', () => {
    expect(() => parseCredentialEntries('{}')).toThrow('service credentials: expected a JSON array');
  });

  it('says an entry that is not an object (null) lacks the fields, rather than fail with a TypeError of its own', () => {
    expect(() => parseCredentialEntries('[null]')).toThrow("service credentials: entry 0 needs name, tokenSha256 (64 hex) and accounts ('*' or 12-digit ids)");
  });

  it('says text that is not JSON is not, without quoting it (a token file given by mistake would show its start)', () => {
    expect(() => parseCredentialEntries('wvBXuA0pvFsecret-token')).toThrow(/^service credentials: not valid JSON$/);
  });

  it('takes the digest in either case', () => {
    expect(parseCredentialEntries(JSON.stringify([{ name: 'tenant', tokenSha256: digest.toUpperCase(), accounts: ['123456789012'] }]))[0]?.tokenSha256).toBe(digest);
  });

  it.each([
    ['no name', { tokenSha256: digest, accounts: '*' }],
    ['a short digest', { name: 'x', tokenSha256: digest.slice(1), accounts: '*' }],
    ['a token instead of a digest', { name: 'x', token: 'gateway-token', accounts: '*' }],
    ['accounts missing', { name: 'x', tokenSha256: digest }],
    ['accounts "all"', { name: 'x', tokenSha256: digest, accounts: 'all' }],
    ['an 11-digit account', { name: 'x', tokenSha256: digest, accounts: ['12345678901'] }],
    ['a numeric account', { name: 'x', tokenSha256: digest, accounts: [123456789012] }],
  ])('names the entry with %s', (_case, bad) => {
    const json = JSON.stringify([{ name: 'ok', tokenSha256: digest, accounts: '*' }, bad]);
    expect(() => parseCredentialEntries(json)).toThrow(/^service credentials: entry 1 needs/);
  });
});

describe('CredentialRegistry', () => {
  const registry = new CredentialRegistry([
    { name: 'gateway', tokenSha256: digest, accounts: '*', serviceKeys: false },
    { name: 'billing', tokenSha256: tokenDigest('billing-token'), accounts: ['123456789012'], serviceKeys: false },
  ]);

  it('resolves a token to its credential, without the digest', () => {
    expect(registry.resolve('gateway-token')).toEqual({ name: 'gateway', accounts: '*', serviceKeys: false });
    expect(registry.resolve('billing-token')).toEqual({ name: 'billing', accounts: ['123456789012'], serviceKeys: false });
  });

  it('resolves nothing for an unknown, empty or altered token, or for the digest itself', () => {
    for (const token of ['', 'gateway-token ', 'Gateway-token', digest]) {
      expect(registry.resolve(token)).toBeUndefined();
    }
  });
});

describe('readCredentialsFile and readServiceToken', () => {
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-credentials-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('names the variable and the file in every error, and never the content', () => {
    const tokenFile = join(directory, 'service-token');
    writeFileSync(tokenFile, 'wvBXuA0pvFsecret-token\n');
    expect(() => readCredentialsFile(tokenFile)).toThrow(`STRONGROOM_SERVICE_CREDENTIALS_FILE (${tokenFile}): service credentials: not valid JSON`);
    expect(() => readCredentialsFile(join(directory, 'missing.json'))).toThrow(`STRONGROOM_SERVICE_CREDENTIALS_FILE: cannot read ${join(directory, 'missing.json')} (ENOENT)`);
    expect(() => readCredentialsFile(directory)).toThrow('(EISDIR)');
  });

  it('readServiceToken: the token, trimmed; an empty or unreadable file is an error naming STRONGROOM_SERVICE_TOKEN_FILE and the file', () => {
    const tokenFile = join(directory, 'token');
    writeFileSync(tokenFile, ' a-token \n');
    expect(readServiceToken(tokenFile)).toBe('a-token');
    writeFileSync(tokenFile, '\n');
    expect(() => readServiceToken(tokenFile)).toThrow(`STRONGROOM_SERVICE_TOKEN_FILE: ${tokenFile} is empty`);
    expect(() => readServiceToken(join(directory, 'none'))).toThrow(`STRONGROOM_SERVICE_TOKEN_FILE: cannot read ${join(directory, 'none')} (ENOENT)`);
  });
});
