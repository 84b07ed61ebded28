export { startPolicyService, migratePolicy, POLICY_MIGRATIONS, POLICY_SERVICE_NAME, type PolicyServiceOptions } from './server';
export { loadPolicyConfig, type PolicyConfig } from './config';
export { ACCESS_KEY_SECRETS_ALIAS } from './secret-sealer';
