import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsCertificate } from '@strongroom/config';

/** A self-signed certificate kept on disk, and where. */
export interface LocalCertificate extends TlsCertificate {
  /** The PEM file clients can be told to trust. */
  readonly certPath: string;
  readonly keyPath: string;
  /** True when this call created it. */
  readonly created: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The host names the certificate must name: localhost, the domain and its buckets' names. */
function hostNames(domain: string): string[] {
  return [...new Set(['localhost', domain, `*.${domain}`])];
}

/**
 * The certificate and key on disk, when they can be served as they are:
 * both readable, the key the certificate's own, not within 30 days of
 * expiry, and naming every host of {@link hostNames} (a domain changed
 * since they were made needs new ones). Undefined otherwise.
 */
function usable(certPath: string, keyPath: string, domain: string, now: number): { cert: Buffer; key: Buffer } | undefined {
  try {
    const cert = readFileSync(certPath);
    const key = readFileSync(keyPath);
    const certificate = new X509Certificate(cert);
    if (!certificate.checkPrivateKey(createPrivateKey(key))) return undefined;
    if (Date.parse(certificate.validTo) <= now + 30 * DAY_MS) return undefined;
    const named = new Set((certificate.subjectAltName ?? '').split(', ').filter((name) => name.startsWith('DNS:')).map((name) => name.slice(4)));
    return hostNames(domain).every((name) => named.has(name)) ? { cert, key } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The embedded stack's certificate for `localhost`, `127.0.0.1` and `::1`
 * (and `*.<domain>` for virtual-hosted-style names): read from `directory`,
 * or generated there with the `selfsigned` package on first use, and again
 * when the files cannot be served as they are (see {@link usable}: near
 * expiry, a key that is not the certificate's, a changed domain). The key
 * file is mode 0600 from its first byte, also when it replaces another.
 */
export async function loadOrCreateLocalCertificate(directory: string, domain: string, now = Date.now()): Promise<LocalCertificate> {
  const certPath = join(directory, 'gateway-cert.pem');
  const keyPath = join(directory, 'gateway-key.pem');
  const existing = usable(certPath, keyPath, domain, now);
  if (existing !== undefined) return { ...existing, certPath, keyPath, created: false };
  const names = hostNames(domain);
  const generated = await generate([{ name: 'commonName', value: 'Strongroom local S3 endpoint' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + 825 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }, { type: 7 as const, ip: '::1' }],
      },
    ],
  });
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  // A new file of mode 0600 takes the old one's place: written over the old file, the key would be readable under its mode until a chmod.
  const keyTemp = `${keyPath}.${process.pid}.tmp`;
  rmSync(keyTemp, { force: true });
  writeFileSync(keyTemp, generated.private, { mode: 0o600, flag: 'wx' });
  renameSync(keyTemp, keyPath);
  writeFileSync(certPath, generated.cert, { mode: 0o644 });
  return { cert: generated.cert, key: generated.private, certPath, keyPath, created: true };
}

/** How to make clients trust the local certificate, one line each. */
export function trustInstructions(certPath: string, httpsUrl: string): string[] {
  return [
    `aws-cli: aws --endpoint-url ${httpsUrl} --ca-bundle ${certPath} s3 ls   (or AWS_CA_BUNDLE=${certPath})`,
    `Node (AWS SDK): NODE_EXTRA_CA_CERTS=${certPath}; curl: curl --cacert ${certPath}`,
    `system-wide (Debian/Ubuntu): sudo cp ${certPath} /usr/local/share/ca-certificates/strongroom.crt && sudo update-ca-certificates`,
  ];
}
