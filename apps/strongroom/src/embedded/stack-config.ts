import { integer, optionalText, parseEnv, servicesTls } from '@strongroom/config';

/** The embedded stack's own settings, beside those each service reads. */
export type StackConfig = ReturnType<typeof loadStackConfig>;

/** Reads the embedded stack's settings; throws one ConfigError listing every problem. */
export function loadStackConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(env, {
    databaseUrl: optionalText('DATABASE_URL'),
    postgresPort: integer('STRONGROOM_POSTGRES_PORT', { default: 0, min: 0, max: 65535 }),
    rootAccessKeyId: optionalText('STRONGROOM_ROOT_ACCESS_KEY_ID'),
    rootSecretAccessKey: optionalText('STRONGROOM_ROOT_SECRET_ACCESS_KEY'),
    servicesTls: servicesTls(),
  });
}
