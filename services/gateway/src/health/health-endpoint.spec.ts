import { createLogger } from '@strongroom/observability';
import { startHealthEndpoint, type ReadinessCheck, type RunningHealthEndpoint } from './health-endpoint';

const logger = createLogger({ name: 'health-endpoint-spec', level: 'silent' });

const passing = (name: string): ReadinessCheck => ({ name, check: () => Promise.resolve() });
const failing = (name: string): ReadinessCheck => ({ name, check: () => Promise.reject(new Error('down')) });
const hanging = (name: string): ReadinessCheck => ({ name, check: () => new Promise<void>(() => undefined) });

describe('the gateway health endpoint', () => {
  let endpoint: RunningHealthEndpoint | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  async function start(checks: ReadinessCheck[], timeoutMs?: number) {
    endpoint = await startHealthEndpoint({ address: '127.0.0.1:0', checks, logger, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    const port = endpoint.port;
    return async (path: string, method = 'GET') => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
      return { status: response.status, body: await response.text() };
    };
  }

  it('is ready when every check passes', async () => {
    const get = await start([passing('storage'), passing('policy')]);
    expect(await get('/readyz')).toEqual({ status: 200, body: 'ready\n' });
    expect(await get('/livez')).toEqual({ status: 200, body: 'ok\n' });
  });

  it('is not ready while a check fails or does not answer in time, and names it; liveness stays 200', async () => {
    const get = await start([passing('storage'), failing('policy'), hanging('kms')], 50);
    expect(await get('/readyz')).toEqual({ status: 503, body: 'not ready: policy, kms\n' });
    expect(await get('/livez')).toEqual({ status: 200, body: 'ok\n' });
  });

  it('aborts a check that outlives the timeout', async () => {
    let aborted = false;
    const slow: ReadinessCheck = {
      name: 'storage',
      check: (signal) =>
        new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        }),
    };
    const get = await start([slow], 20);
    expect((await get('/readyz')).status).toBe(503);
    expect(aborted).toBe(true);
  });

  it('refuses to start on an address in use, naming it and what it was for', async () => {
    const get = await start([passing('storage')]);
    const address = `127.0.0.1:${endpoint!.port}`;
    await expect(startHealthEndpoint({ address, checks: [], logger })).rejects.toThrow(`cannot listen on ${address} for its probes: the address is in use by another process`);
    expect((await get('/livez')).status).toBe(200);
  });

  it('follows its dependencies back to ready', async () => {
    let up = false;
    const get = await start([{ name: 'storage', check: () => (up ? Promise.resolve() : Promise.reject(new Error('down'))) }]);
    expect((await get('/readyz')).status).toBe(503);
    up = true;
    expect((await get('/readyz')).status).toBe(200);
  });

  it('answers HEAD without a body; other methods 405; other paths 404', async () => {
    const get = await start([passing('storage')]);
    expect(await get('/readyz', 'HEAD')).toEqual({ status: 200, body: '' });
    expect((await get('/readyz', 'POST')).status).toBe(405);
    expect((await get('/healthz')).status).toBe(404);
    expect((await get('/')).status).toBe(404);
  });
});
