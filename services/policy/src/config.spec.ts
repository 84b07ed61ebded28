import { testCertificateFiles, type TestCertificateFiles } from '@strongroom/testing';
import { readFileSync } from 'node:fs';
import { loadPolicyConfig } from './config';

describe('loadPolicyConfig: TLS on the API port', () => {
  let files: TestCertificateFiles;
  beforeAll(async () => {
    files = await testCertificateFiles();
  });
  afterAll(() => files.remove());

  it('is off unless STRONGROOM_POLICY_TLS_CERT_FILE and STRONGROOM_POLICY_TLS_KEY_FILE name a certificate and its key', () => {
    expect(loadPolicyConfig({}).tls).toBeUndefined();
    const { certFile, keyFile } = files;
    expect(loadPolicyConfig({ STRONGROOM_POLICY_TLS_CERT_FILE: certFile, STRONGROOM_POLICY_TLS_KEY_FILE: keyFile }).tls).toEqual({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
    expect(() => loadPolicyConfig({ STRONGROOM_POLICY_TLS_CERT_FILE: certFile })).toThrow('STRONGROOM_POLICY_TLS_CERT_FILE / STRONGROOM_POLICY_TLS_KEY_FILE: set both, or neither');
  });
});
