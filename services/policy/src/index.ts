export { startPolicyService, migratePolicy, POLICY_MIGRATIONS, POLICY_SERVICE_NAME, type PolicyServiceOptions } from './server';
export { loadPolicyConfig, type PolicyConfig } from './config';
export { ACCESS_KEY_SECRETS_ALIAS, SecretSealer, type KmsClient } from './secret-sealer';
export { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from './identifiers';
