import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalCertificate } from './self-signed';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('loadOrCreateLocalCertificate', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'strongroom-cert-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const namesOf = (cert: Buffer | string) => new X509Certificate(cert).subjectAltName;
  const pairs = (cert: Buffer | string, key: Buffer | string) => new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));

  it('creates a certificate for localhost and the domain, key mode 0600, and serves the same files after', async () => {
    const created = await loadOrCreateLocalCertificate(directory, 'localhost');
    expect(created.created).toBe(true);
    expect(namesOf(created.cert)).toBe('DNS:localhost, DNS:*.localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(statSync(created.keyPath).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateLocalCertificate(directory, 'localhost');
    expect(again).toMatchObject({ created: false, cert: readFileSync(created.certPath) });
  });

  it('makes new ones for a changed domain, near expiry, or a key that is not the certificate’s; a key file written over is 0600', async () => {
    const first = await loadOrCreateLocalCertificate(directory, 'localhost');
    const moved = await loadOrCreateLocalCertificate(directory, 's3.example.test');
    expect(moved.created).toBe(true);
    expect(namesOf(moved.cert)).toContain('DNS:*.s3.example.test');

    const foreign = await loadOrCreateLocalCertificate(join(directory, 'other'), 's3.example.test');
    writeFileSync(first.keyPath, foreign.key);
    chmodSync(first.keyPath, 0o644);
    const mended = await loadOrCreateLocalCertificate(directory, 's3.example.test');
    expect(mended.created).toBe(true);
    expect(pairs(mended.cert, readFileSync(mended.keyPath))).toBe(true);
    expect(statSync(mended.keyPath).mode & 0o777).toBe(0o600);

    expect((await loadOrCreateLocalCertificate(directory, 's3.example.test', Date.now() + 800 * DAY_MS)).created).toBe(true);
  });
});
