import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsCertificate } from '../http/server';

/** A self-signed certificate kept on disk, and where. */
export interface LocalCertificate extends TlsCertificate {
  /** The PEM file clients can be told to trust. */
  readonly certPath: string;
  readonly keyPath: string;
  /** True when this call created it. */
  readonly created: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function stillValid(certPath: string, now: number): boolean {
  try {
    const certificate = new X509Certificate(readFileSync(certPath));
    return Date.parse(certificate.validTo) > now + 30 * DAY_MS;
  } catch {
    return false;
  }
}

/**
 * The embedded stack's certificate for `localhost`, `127.0.0.1` and `::1`
 * (and `*.<domain>` for virtual-hosted-style names): read from `directory`,
 * or generated there on first use (or when it nears expiry) with the `selfsigned`
 * package, key file mode 0600.
 */
export async function loadOrCreateLocalCertificate(directory: string, domain: string, now = Date.now()): Promise<LocalCertificate> {
  const certPath = join(directory, 'gateway-cert.pem');
  const keyPath = join(directory, 'gateway-key.pem');
  if (existsSync(certPath) && existsSync(keyPath) && stillValid(certPath, now)) {
    return { cert: readFileSync(certPath), key: readFileSync(keyPath), certPath, keyPath, created: false };
  }
  const names = [...new Set(['localhost', domain, `*.${domain}`])];
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
  writeFileSync(keyPath, generated.private, { mode: 0o600 });
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
