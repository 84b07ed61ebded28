import { parseEnv, servicesTls } from '@strongroom/config';
import { loadGatewayConfig } from '@strongroom/gateway';
import { configuredLogLevel } from '@strongroom/observability';
import { once } from 'node:events';
import { join } from 'node:path';
import { gatewayThreadEnvironment, spawnGatewayWorker } from './gateway-thread';

/** Every planted secret holds this, so that one search finds any of them. */
const PLANTED = 'S3CR3T-not-for-the-gateway';

/** The stack's secrets and database settings, which the gateway does not read. */
const SECRETS = {
  STRONGROOM_ROOT_KEY: `${PLANTED}-root-key`,
  STRONGROOM_ROOT_SECRET_ACCESS_KEY: `${PLANTED}-root-secret`,
  STRONGROOM_ROOT_KEY_FILE: `/run/${PLANTED}/root-key`,
  DATABASE_URL: `postgres://strongroom:${PLANTED}@db.internal/strongroom`,
  PGPASSWORD: `${PLANTED}-pg-password`,
  PGPASSFILE: `/run/${PLANTED}/pgpass`,
  PGUSER: `${PLANTED}-pg-user`,
};

/** Settings the gateway reads, and variables libraries read. */
const KEPT = {
  STRONGROOM_GATEWAY_HTTP_ADDRESS: '127.0.0.1:0',
  STRONGROOM_GATEWAY_HTTPS_ADDRESS: '127.0.0.1:0',
  STRONGROOM_GATEWAY_HEALTH_ADDRESS: '127.0.0.1:0',
  STRONGROOM_GATEWAY_DOMAIN: 'kept-setting.example',
  STRONGROOM_REGION: 'eu-west-1',
  STRONGROOM_SERVICES_TLS: 'false',
  STRONGROOM_LOG_LEVEL: 'silent',
  https_proxy: 'http://proxy.internal:3128',
  GRPC_VERBOSITY: 'ERROR',
  PATH: process.env.PATH,
};

describe('gatewayThreadEnvironment', () => {
  it("keeps of the stack's settings only those the gateway reads, drops the database's, and keeps the rest", () => {
    const env = { ...SECRETS, ...KEPT };
    expect(gatewayThreadEnvironment(env)).toEqual(KEPT);
    expect(env.STRONGROOM_ROOT_KEY).toBe(SECRETS.STRONGROOM_ROOT_KEY);
  });

  it("keeps every STRONGROOM_ variable the gateway thread's readers look at", () => {
    const read = new Set<string>();
    const recording = new Proxy({}, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadGatewayConfig(recording);
    parseEnv(recording, { servicesTls: servicesTls() });
    configuredLogLevel(recording);
    const stackSettings = [...read].filter((name) => name.startsWith('STRONGROOM_'));
    expect(stackSettings.length).toBeGreaterThan(10);
    const env = Object.fromEntries(stackSettings.map((name) => [name, 'x']));
    expect(Object.keys(gatewayThreadEnvironment(env)).sort()).toEqual(stackSettings.sort());
  });
});

describe('spawnGatewayWorker', () => {
  it('starts its thread with the filtered environment, not a copy of the whole one', async () => {
    const entry = join(__dirname, '../../test/fixtures/environment-echo-worker.js');
    const worker = spawnGatewayWorker({ storageAddress: '127.0.0.1:1', policyAddress: '127.0.0.1:1', kmsAddress: '127.0.0.1:1', token: 't', dataDir: '/nonexistent' }, { ...SECRETS, ...KEPT }, entry);
    try {
      const [threadEnv] = (await once(worker, 'message')) as [Record<string, string>];
      expect(threadEnv).toEqual(KEPT);
    } finally {
      await worker.terminate();
    }
  });
});
