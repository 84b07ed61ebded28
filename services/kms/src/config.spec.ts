import { testCertificate } from '@strongroom/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKmsConfig } from './config';

describe('loadKmsConfig: TLS on the API port', () => {
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'strongroom-kms-tls-'));
    const certificate = await testCertificate();
    writeFileSync(join(directory, 'tls.crt'), certificate.cert);
    writeFileSync(join(directory, 'tls.key'), certificate.key);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('is off unless STRONGROOM_KMS_TLS_CERT_FILE and STRONGROOM_KMS_TLS_KEY_FILE name a certificate and its key', () => {
    expect(loadKmsConfig({}).tls).toBeUndefined();
    const files = { certFile: join(directory, 'tls.crt'), keyFile: join(directory, 'tls.key') };
    expect(loadKmsConfig({ STRONGROOM_KMS_TLS_CERT_FILE: files.certFile, STRONGROOM_KMS_TLS_KEY_FILE: files.keyFile }).tls).toEqual(files);
    expect(() => loadKmsConfig({ STRONGROOM_KMS_TLS_CERT_FILE: files.certFile })).toThrow('STRONGROOM_KMS_TLS_CERT_FILE / STRONGROOM_KMS_TLS_KEY_FILE: set both, or neither');
  });
});
