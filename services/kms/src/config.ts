import { integer, listenAddress, optionalText, parseEnv, REGION_NAME, text, tlsFiles } from '@strongroom/config';

/** The KMS service's settings, from the environment (see the README's table). */
export type KmsConfig = ReturnType<typeof loadKmsConfig>;

/** Reads the KMS settings; throws one ConfigError listing every problem. */
export function loadKmsConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(env, {
    region: text('STRONGROOM_REGION', { default: 'us-east-1', pattern: REGION_NAME, hint: 'a region name such as us-east-1' }),
    address: listenAddress('STRONGROOM_KMS_ADDRESS', '127.0.0.1:7001'),
    healthAddress: listenAddress('STRONGROOM_KMS_HEALTH_ADDRESS', '127.0.0.1:7101'),
    tls: tlsFiles('STRONGROOM_KMS_TLS_CERT_FILE', 'STRONGROOM_KMS_TLS_KEY_FILE'),
    requestRate: integer('STRONGROOM_KMS_REQUEST_RATE', { default: 5500, min: 1 }),
    rootKey: optionalText('STRONGROOM_ROOT_KEY'),
    rootKeyFile: optionalText('STRONGROOM_ROOT_KEY_FILE'),
  });
}
