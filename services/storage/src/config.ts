import { boolean, integer, listenAddress, parseEnv, REGION_NAME, text, timeoutMs, tlsFiles } from '@strongroom/config';

/** The storage service's settings, from the environment (see the README's table). */
export type StorageConfig = ReturnType<typeof loadStorageConfig>;

/** Reads the storage service's settings; throws one ConfigError listing every problem. */
export function loadStorageConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(env, {
    region: text('STRONGROOM_REGION', { default: 'us-east-1', pattern: REGION_NAME, hint: 'a region name such as us-east-1' }),
    address: listenAddress('STRONGROOM_STORAGE_ADDRESS', '127.0.0.1:7003'),
    healthAddress: listenAddress('STRONGROOM_STORAGE_HEALTH_ADDRESS', '127.0.0.1:7103'),
    tls: tlsFiles('STRONGROOM_STORAGE_TLS_CERT_FILE', 'STRONGROOM_STORAGE_TLS_KEY_FILE'),
    legacyBucketDefaults: boolean('STRONGROOM_LEGACY_BUCKET_DEFAULTS', false),
    uploadIdleTimeoutMs: timeoutMs('STRONGROOM_STORAGE_UPLOAD_TIMEOUT_MS', 60_000),
    releasedBlobGraceMs: integer('STRONGROOM_STORAGE_RELEASED_BLOB_GRACE_MS', { default: 60_000, min: 0, max: 3_600_000 }),
  });
}
