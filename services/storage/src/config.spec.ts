import { ConfigError } from '@strongroom/config';
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
