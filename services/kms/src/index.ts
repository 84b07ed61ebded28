export { startKmsService, createKmsDeps, migrateKms, KMS_MIGRATIONS, KMS_SERVICE_NAME, type KmsServiceOptions, type RunningKms, type KmsWiring } from './server';
export { configuredRootKey, decodeRootKey } from './root-key';
export { rotateRootKey } from './rotate-root-key';
export { loadKmsConfig, type KmsConfig } from './config';
export { AWS_S3_ALIAS, SSE_S3_ALIAS, ACCESS_KEY_SECRETS_ALIAS, SERVICE_ACCOUNT_ID, SERVICE_ALIAS_PREFIX } from './key-record';
