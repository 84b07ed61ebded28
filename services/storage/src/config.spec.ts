import { ConfigError } from '@strongroom/config';
import { testCertificateFiles, type TestCertificateFiles } from '@strongroom/testing';
import { readFileSync } from 'node:fs';
import { loadStorageConfig } from './config';

describe('loadStorageConfig: the upload idle timeout', () => {
  it('is 60 s, above the gateway body timeout, unless set', () => {
    expect(loadStorageConfig({}).uploadIdleTimeoutMs).toBe(60_000);
    expect(loadStorageConfig({ STRONGROOM_STORAGE_UPLOAD_TIMEOUT_MS: '90000' }).uploadIdleTimeoutMs).toBe(90_000);
  });

  it.each(['0', '1.5', '2147483648'])('rejects %s', (value) => {
    expect(() => loadStorageConfig({ STRONGROOM_STORAGE_UPLOAD_TIMEOUT_MS: value })).toThrow(ConfigError);
  });
});

describe('loadStorageConfig: the released blob grace period', () => {
  it('is a minute unless set; 0 deletes at once; at most the sweeper\'s hour', () => {
    expect(loadStorageConfig({}).releasedBlobGraceMs).toBe(60_000);
    expect(loadStorageConfig({ STRONGROOM_STORAGE_RELEASED_BLOB_GRACE_MS: '0' }).releasedBlobGraceMs).toBe(0);
  });

  it.each(['-1', '1.5', '3600001'])('rejects %s', (value) => {
    expect(() => loadStorageConfig({ STRONGROOM_STORAGE_RELEASED_BLOB_GRACE_MS: value })).toThrow(ConfigError);
  });
});

describe('loadStorageConfig: TLS on the API port', () => {
  let files: TestCertificateFiles;
  beforeAll(async () => {
    files = await testCertificateFiles();
  });
  afterAll(() => files.remove());

  it('is off unless STRONGROOM_STORAGE_TLS_CERT_FILE and STRONGROOM_STORAGE_TLS_KEY_FILE name a certificate and its key', () => {
    expect(loadStorageConfig({}).tls).toBeUndefined();
    const { certFile, keyFile } = files;
    expect(loadStorageConfig({ STRONGROOM_STORAGE_TLS_CERT_FILE: certFile, STRONGROOM_STORAGE_TLS_KEY_FILE: keyFile }).tls).toEqual({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
    expect(() => loadStorageConfig({ STRONGROOM_STORAGE_TLS_CERT_FILE: certFile })).toThrow('STRONGROOM_STORAGE_TLS_CERT_FILE / STRONGROOM_STORAGE_TLS_KEY_FILE: set both, or neither');
  });
});
