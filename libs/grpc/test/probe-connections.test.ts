import { ChannelCredentials, createChannel, createClient } from 'nice-grpc';
import { HealthDefinition } from 'nice-grpc-server-health';
import { HealthCheckResponse_ServingStatus as ServingStatus } from 'nice-grpc-server-health/lib/proto/grpc/health/v1/health';
import { connect } from 'node:net';
import { rejectionOf } from '@strongroom/testing';
import { startTestServer, type TestServer } from './test-server';

/** How long a connection to the health port lasts in these tests; the cut comes half as long again after (and ±10% jitter). */
const AGE_MS = 300;
/** The latest a connection may still be open. */
const CUT_BY_MS = AGE_MS * 1.1 + AGE_MS / 2 + 700;

let running: TestServer;

beforeAll(async () => {
  running = await startTestServer({ probeConnectionAgeMs: AGE_MS });
});

afterAll(() => running.server.shutdown());

/** Milliseconds until the server closed a connection to `port` that sent nothing; gives up (Infinity) after 3 s. */
function silentConnectionLifetime(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve(Infinity);
    }, 3000);
    socket.on('data', () => undefined);
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(performance.now() - started);
    });
  });
}

describe('connections to the health port', () => {
  it('are closed after their age, whether they sent nothing or hold a Watch open; probes still answer', async () => {
    const channel = createChannel(`127.0.0.1:${running.server.healthPort}`, ChannelCredentials.createInsecure());
    const health = createClient(HealthDefinition, channel);
    const stopWatching = new AbortController();
    try {
      expect(await health.check({ service: '' })).toEqual(expect.objectContaining({ status: ServingStatus.SERVING }));
      const watching = (async () => {
        for await (const update of health.watch({ service: '' }, { signal: stopWatching.signal })) void update;
      })();
      const [silent, watch] = await Promise.all([
        silentConnectionLifetime(running.server.healthPort),
        Promise.race([rejectionOf(watching).then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('still open'), CUT_BY_MS))]),
      ]);
      expect(silent).toBeGreaterThanOrEqual(AGE_MS * 0.9 - 20);
      expect(silent).toBeLessThan(CUT_BY_MS);
      expect(watch).toBe('ended');
      expect(await health.check({ service: '' })).toEqual(expect.objectContaining({ status: ServingStatus.SERVING }));
    } finally {
      stopWatching.abort();
      channel.close();
    }
  });
});
