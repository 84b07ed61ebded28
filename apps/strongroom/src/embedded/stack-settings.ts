import { SettingsProblems, type ServicesTls } from '@strongroom/config';
import { loadGatewayConfig } from '@strongroom/gateway';
import { readCredentialsFile, type CredentialEntry } from '@strongroom/grpc';
import { loadKmsConfig } from '@strongroom/kms';
import { configuredLogLevel, type Secret } from '@strongroom/observability';
import { ACCESS_KEY_ID, loadPolicyConfig, SECRET_ACCESS_KEY } from '@strongroom/policy';
import { loadStorageConfig } from '@strongroom/storage';
import { existsSync, statSync } from 'node:fs';
import { dataDirectory } from './defaults';
import { configuredRootKey } from './root-key';
import { loadStackConfig } from './stack-config';

/** Everything the embedded stack is configured with. */
export type StackSettings = ReturnType<typeof readStackSettings>;

function accessKeyProblems(id: string | undefined, secret: string | undefined): string[] {
  if ((id === undefined) !== (secret === undefined)) return ['STRONGROOM_ROOT_ACCESS_KEY_ID, STRONGROOM_ROOT_SECRET_ACCESS_KEY: set both, or neither'];
  const problems: string[] = [];
  if (id !== undefined && !ACCESS_KEY_ID.test(id)) problems.push('STRONGROOM_ROOT_ACCESS_KEY_ID: must be AKIA and 16 of A-Z and 2-7');
  if (secret !== undefined && !SECRET_ACCESS_KEY.test(secret)) problems.push('STRONGROOM_ROOT_SECRET_ACCESS_KEY: must be 40 of A-Za-z0-9+/');
  return problems;
}

/**
 * The stack's own clients (each service's of the others, the gateway's)
 * call kms, policy and storage alike, so either all three API ports serve
 * TLS and the clients have what verifies it, or none does.
 */
function tlsProblems(served: readonly unknown[], clients: ServicesTls | undefined): string[] {
  const serving = served.filter((tls) => tls !== undefined).length;
  if ((serving === 0 || serving === served.length) && (serving === served.length) === (clients !== undefined)) return [];
  return [
    'STRONGROOM_KMS_TLS_CERT_FILE, STRONGROOM_POLICY_TLS_CERT_FILE, STRONGROOM_STORAGE_TLS_CERT_FILE, STRONGROOM_SERVICES_CA_FILE: the embedded stack calls its own services, ' +
      'so give all three API ports a certificate (with its key) and its clients the CA bundle that verifies them (or STRONGROOM_SERVICES_TLS=true for the system\'s roots), or none of these',
  ];
}

/**
 * Reads every setting of the embedded stack and of each service in it, in
 * one pass before anything is started or written (the database, the
 * generated root key and token): one ConfigError names every problem, each
 * with its variable, and quotes no secret.
 */
export function readStackSettings(env: NodeJS.ProcessEnv) {
  const problems = new SettingsProblems();
  const stack = problems.read(() => loadStackConfig(env));
  const kms = problems.read(() => loadKmsConfig(env));
  const policy = problems.read(() => loadPolicyConfig(env));
  const storage = problems.read(() => loadStorageConfig(env));
  problems.read(() => loadGatewayConfig(env)); // the gateway thread reads it again
  problems.read(() => configuredLogLevel(env));
  const rootKey: Secret<Uint8Array> | undefined = problems.read(() => configuredRootKey(env));
  const file = env.STRONGROOM_SERVICE_CREDENTIALS_FILE || undefined;
  const extraCredentials: readonly CredentialEntry[] | undefined = problems.read(() => (file === undefined ? [] : readCredentialsFile(file)));
  const dataDir = dataDirectory(env);
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) problems.add(`STRONGROOM_DATA_DIR: ${dataDir} is not a directory`);
  problems.add(...accessKeyProblems(env.STRONGROOM_ROOT_ACCESS_KEY_ID || undefined, env.STRONGROOM_ROOT_SECRET_ACCESS_KEY || undefined));
  // Only when every setting it compares was read: a service whose settings failed would count as one without TLS.
  if (stack !== undefined && kms !== undefined && policy !== undefined && storage !== undefined) problems.add(...tlsProblems([kms.tls, policy.tls, storage.tls], stack.servicesTls));
  if (problems.found || stack === undefined || kms === undefined || policy === undefined || storage === undefined || extraCredentials === undefined) {
    rootKey?.reveal().fill(0);
    throw problems.error();
  }
  return { stack, kms, policy, storage, rootKey, extraCredentials, dataDir };
}
