import { testCertificate } from '@strongroom/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicyConfig } from './config';

describe('loadPolicyConfig: TLS on the API port', () => {
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'strongroom-policy-tls-'));
    const certificate = await testCertificate();
    writeFileSync(join(directory, 'tls.crt'), certificate.cert);
    writeFileSync(join(directory, 'tls.key'), certificate.key);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('is off unless STRONGROOM_POLICY_TLS_CERT_FILE and STRONGROOM_POLICY_TLS_KEY_FILE name a certificate and its key', () => {
    expect(loadPolicyConfig({}).tls).toBeUndefined();
    const files = { certFile: join(directory, 'tls.crt'), keyFile: join(directory, 'tls.key') };
    expect(loadPolicyConfig({ STRONGROOM_POLICY_TLS_CERT_FILE: files.certFile, STRONGROOM_POLICY_TLS_KEY_FILE: files.keyFile }).tls).toEqual(files);
    expect(() => loadPolicyConfig({ STRONGROOM_POLICY_TLS_CERT_FILE: files.certFile })).toThrow('STRONGROOM_POLICY_TLS_CERT_FILE / STRONGROOM_POLICY_TLS_KEY_FILE: set both, or neither');
  });
});
