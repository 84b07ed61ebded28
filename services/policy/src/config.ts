import { boolean, listenAddress, parseEnv, tlsFiles } from '@strongroom/config';

/** The policy service's settings, from the environment (see the README's table). */
export type PolicyConfig = ReturnType<typeof loadPolicyConfig>;

/** Reads the policy service's settings; throws one ConfigError listing every problem. */
export function loadPolicyConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(env, {
    address: listenAddress('STRONGROOM_POLICY_ADDRESS', '127.0.0.1:7002'),
    healthAddress: listenAddress('STRONGROOM_POLICY_HEALTH_ADDRESS', '127.0.0.1:7102'),
    tls: tlsFiles('STRONGROOM_POLICY_TLS_CERT_FILE', 'STRONGROOM_POLICY_TLS_KEY_FILE'),
    legacyBucketDefaults: boolean('STRONGROOM_LEGACY_BUCKET_DEFAULTS', false),
  });
}
