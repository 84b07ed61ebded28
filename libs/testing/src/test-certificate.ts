import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { nonLoopbackAddress } from './non-loopback-address';

/** A self-signed server certificate and its key (PEM); the certificate is also the CA a client trusts. */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
}

/**
 * A self-signed certificate for a test server, naming `localhost`,
 * 127.0.0.1, ::1 and this machine's address beyond loopback (so a client
 * can verify a server it reaches as another host would).
 */
export async function testCertificate(): Promise<TestCertificate> {
  const remote = nonLoopbackAddress();
  const now = Date.now();
  const generated = await generate([{ name: 'commonName', value: 'Strongroom test service' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2 as const, value: 'localhost' }, ...['127.0.0.1', '::1', ...(remote === undefined ? [] : [remote])].map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  return { cert: generated.cert, key: generated.private };
}

/** A {@link testCertificate} written to files in a directory of its own, which `remove` deletes. */
export interface TestCertificateFiles extends TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  remove(): void;
}

/** Writes a new {@link testCertificate} to `tls.crt` and `tls.key` (mode 0600) in a new temporary directory. */
export async function testCertificateFiles(): Promise<TestCertificateFiles> {
  const certificate = await testCertificate();
  const directory = mkdtempSync(join(tmpdir(), 'strongroom-test-cert-'));
  const certFile = join(directory, 'tls.crt');
  const keyFile = join(directory, 'tls.key');
  writeFileSync(certFile, certificate.cert);
  writeFileSync(keyFile, certificate.key, { mode: 0o600 });
  return { ...certificate, certFile, keyFile, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
