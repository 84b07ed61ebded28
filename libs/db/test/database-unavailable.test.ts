import { createTestDatabase, rejectionOf, type TestDatabase } from '@strongroom/testing';
import { createServer, type AddressInfo } from 'node:net';
import { Client } from 'pg';
import { isConnectionLost, isDatabaseUnavailable } from '../src/database-unavailable';
import { createPool } from '../src/pool';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('isDatabaseUnavailable', () => {
  it('recognizes a server that refuses connections', async () => {
    const pool = createPool({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, applicationName: 'unavailable-test' });
    try {
      const refused = await rejectionOf(pool.query('SELECT 1'));
      expect(isDatabaseUnavailable(refused)).toBe(true);
      expect(isConnectionLost(refused)).toBe(false);
    } finally {
      await pool.end();
    }
  });

  it('recognizes a connection the server ends under a running statement, and that connection used again', async () => {
    const client = new Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const sleeping = rejectionOf(client.query('SELECT pg_sleep(30)'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    const terminated = await sleeping;
    expect((terminated as { code?: string }).code).toBe('57P01');
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isConnectionLost(terminated)).toBe(true);
    const reused = await rejectionOf(client.query('SELECT 1'));
    expect(isDatabaseUnavailable(reused)).toBe(true);
    expect(isConnectionLost(reused)).toBe(true);
    await client.end().catch(() => undefined);
  });

  it('does not take a failed statement (a protocol violation included), or anything but an Error, for an unavailable database', async () => {
    expect(isDatabaseUnavailable(await rejectionOf(db.pool.query('SELEC 1')))).toBe(false);
    expect(isDatabaseUnavailable(await rejectionOf(db.pool.query('SELECT 1/0')))).toBe(false);
    expect(isDatabaseUnavailable(await rejectionOf(db.pool.query('SELECT * FROM no_such_table')))).toBe(false);
    const wrongParameters = await rejectionOf(db.pool.query('SELECT $1::int + $2::int', [1]));
    expect((wrongParameters as { code?: string }).code).toBe('08P01');
    expect(isDatabaseUnavailable(wrongParameters)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated by the caller'))).toBe(false);
  });
});
