import { testCertificateFiles, type TestCertificateFiles } from '@strongroom/testing';
import { readFileSync } from 'node:fs';
import { loadKmsConfig } from './config';

describe('loadKmsConfig: TLS on the API port', () => {
  let files: TestCertificateFiles;
  beforeAll(async () => {
    files = await testCertificateFiles();
  });
  afterAll(() => files.remove());

  it('is off unless STRONGROOM_KMS_TLS_CERT_FILE and STRONGROOM_KMS_TLS_KEY_FILE name a certificate and its key', () => {
    expect(loadKmsConfig({}).tls).toBeUndefined();
    const { certFile, keyFile } = files;
    expect(loadKmsConfig({ STRONGROOM_KMS_TLS_CERT_FILE: certFile, STRONGROOM_KMS_TLS_KEY_FILE: keyFile }).tls).toEqual({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
    expect(() => loadKmsConfig({ STRONGROOM_KMS_TLS_CERT_FILE: certFile })).toThrow('STRONGROOM_KMS_TLS_CERT_FILE / STRONGROOM_KMS_TLS_KEY_FILE: set both, or neither');
  });
});
