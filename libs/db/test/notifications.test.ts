import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { createTestDatabase, rejectionOf, startPostgresProxy, until, type PostgresProxy, type TestDatabase } from '@strongroom/testing';
import { isConnectionLost, isDatabaseUnavailable } from '../src/database-unavailable';
import { connectionLoss, listen, type ListenOptions, type Subscription } from '../src/notifications';
import { withTransaction, type DatabaseDeadlines } from '../src/pool';

let db: TestDatabase;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
});

afterAll(async () => {
  await db.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribes to `channel` (on the test database unless `options` say otherwise), recording payloads, reconnects and errors. */
async function subscribe(channel: string, options: Partial<Pick<ListenOptions, 'connectionString' | 'deadlines' | 'heartbeatMs'>> = {}) {
  const seen = { payloads: [] as string[], reconnects: 0, errors: [] as unknown[] };
  subscriptions.push(
    await listen({
      connectionString: db.url,
      channel,
      onNotify: (payload) => seen.payloads.push(payload),
      onReconnect: () => seen.reconnects++,
      onError: (error) => seen.errors.push(error),
      ...options,
    }),
  );
  return seen;
}

async function notify(channel: string, payload: string): Promise<void> {
  await db.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

describe('listen', () => {
  it('delivers NOTIFY payloads on its channel, in order and intact', async () => {
    const seen = await subscribe('key_changes');
    const payloads = ['key-1', '', '{"keyId":"k-2","state":"DISABLED"}', 'ünïcødé 🔑'];
    for (const payload of payloads) await notify('key_changes', payload);
    await until('every payload delivered', () => seen.payloads.length === payloads.length);
    expect(seen.payloads).toEqual(payloads);
    expect(seen.errors).toEqual([]);
  });

  it('ignores other channels', async () => {
    const seen = await subscribe('aliases');
    await notify('grants', 'not for us');
    await notify('aliases', 'for us');
    await until('a payload delivered', () => seen.payloads.length > 0);
    await pause(100);
    expect(seen.payloads).toEqual(['for us']);
  });

  it('delivers a notification from a transaction only when it commits', async () => {
    const seen = await subscribe('committed');
    await withTransaction(db.pool, async (client) => {
      await client.query(`SELECT pg_notify('committed', 'rolled back')`);
      throw new Error('abort');
    }).catch(() => undefined);
    await withTransaction(db.pool, async (client) => {
      await client.query(`SELECT pg_notify('committed', 'kept')`);
      await pause(100);
      expect(seen.payloads).toEqual([]);
    });
    await until('a payload delivered', () => seen.payloads.length > 0);
    await pause(100);
    expect(seen.payloads).toEqual(['kept']);
  });

  it('stops delivering once closed', async () => {
    const seen = await subscribe('closing');
    await notify('closing', 'before');
    await until('the payload delivered', () => seen.payloads.length === 1);
    await subscriptions.pop()!.close();
    await notify('closing', 'after');
    await pause(200);
    expect(seen.payloads).toEqual(['before']);
    const [listeners] = (
      await db.pool.query<{ count: string }>(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'listen:closing'`)
    ).rows;
    expect(listeners!.count).toBe('0');
  });

  it('reconnects after its connection is killed, reports it, and delivers again', async () => {
    const seen = await subscribe('survivor');
    const killed = await db.pool.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'listen:survivor' AND datname = current_database()`,
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    await until('reconnected', () => seen.reconnects === 1);
    expect(seen.errors.length).toBeGreaterThan(0);
    expect(connectionLoss(seen.errors[0])).toEqual({ reason: 'terminating connection due to administrator command', code: '57P01' });
    await notify('survivor', 'after reconnect');
    await until('the payload delivered', () => seen.payloads.length === 1);
    expect(seen.payloads).toEqual(['after reconnect']);
  });

  it('describes a lost connection by reason and SQLSTATE only', () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });
    expect(connectionLoss(lost)).toEqual({ reason: 'Connection terminated unexpectedly' });
    expect(connectionLoss('ECONNREFUSED')).toEqual({ reason: 'ECONNREFUSED' });
  });

  it('rejects a channel that is not a plain identifier', async () => {
    await expect(
      listen({ connectionString: db.url, channel: 'x; DROP TABLE y', onNotify: () => undefined, onReconnect: () => undefined, onError: () => undefined }),
    ).rejects.toThrow('invalid channel');
  });
});

describe('listen, closed while reconnecting', () => {
  it('does not leave the new connection open', async () => {
    const proxy = await startHoldingProxy(new URL(db.url));
    try {
      const url = new URL(db.url);
      url.host = `127.0.0.1:${proxy.port}`;
      const errors: unknown[] = [];
      const subscription = await listen({
        connectionString: url.toString(),
        channel: 'closing_race',
        onNotify: () => undefined,
        onReconnect: () => undefined,
        onError: (error) => errors.push(error),
      });
      proxy.hold = true;
      await db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'listen:closing_race'`);
      await until('an error reported', () => errors.length > 0);
      await until('the reconnect held', () => proxy.held.length === 1);
      await subscription.close();
      proxy.release();
      await pause(500);
      const [listeners] = (
        await db.pool.query<{ count: string }>(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'listen:closing_race'`)
      ).rows;
      expect(listeners!.count).toBe('0');
    } finally {
      await proxy.close();
    }
  });
});

/**
 * A TCP proxy to the database that, while `hold` is set, accepts connections
 * but forwards nothing until `release()`: a reconnect stays in flight for as
 * long as the test needs.
 */
async function startHoldingProxy(target: URL) {
  const sockets = new Set<Socket>();
  const state = {
    hold: false,
    held: [] as (() => void)[],
    port: 0,
    release(): void {
      state.hold = false;
      for (const forward of state.held.splice(0)) forward();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    sockets.add(client);
    client.pause();
    const forward = (): void => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    };
    if (state.hold) state.held.push(forward);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

describe('listen, when the server stops answering', () => {
  /** Deadlines short enough to meet in a test. */
  const QUICK: Pick<DatabaseDeadlines, 'connectMs' | 'answerMs'> = { connectMs: 500, answerMs: 1500 };
  let proxy: PostgresProxy;
  beforeEach(async () => {
    proxy = await startPostgresProxy(db.url);
  });
  afterEach(async () => {
    proxy.thaw();
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    await proxy.close();
  });

  it('fails the subscription within the connect deadline, rather than hanging a service\'s start', async () => {
    proxy.freeze();
    const started = performance.now();
    const error = await rejectionOf(subscribe('never', { connectionString: proxy.url, deadlines: QUICK }));
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(QUICK.connectMs + 2_000);
  });

  it('learns it from its heartbeat, and once the server answers reconnects, tells its caches, and hears again', async () => {
    const seen = await subscribe('beating', { connectionString: proxy.url, deadlines: QUICK, heartbeatMs: 200 });
    proxy.freeze();
    await until('told of the silence', () => seen.errors.length > 0, 200 + QUICK.answerMs + 3_000);
    expect(isConnectionLost(seen.errors[0])).toBe(true);
    expect(seen.reconnects).toBe(0);
    proxy.thaw();
    await until('reconnected', () => seen.reconnects === 1, 10_000);
    await notify('beating', 'after the silence');
    await until('notified', () => seen.payloads.length === 1);
    expect(seen.payloads).toEqual(['after the silence']);
  });
});
