import { StartRefused } from '@strongroom/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, requireReachableDatabase } from '../src';

const PASSWORD = 'NotToBePrinted0123';

/** The refusal of requireReachableDatabase for `url` (its message), after checking it is a StartRefused that does not quote the password. */
async function refusalFor(url: string): Promise<string> {
  const pool = createPool({ connectionString: url, applicationName: 'reach-test', max: 1 });
  try {
    const failure = await requireReachableDatabase(pool, url).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(StartRefused);
    const message = (failure as Error).message;
    expect(message).not.toContain(PASSWORD);
    return message;
  } finally {
    await pool.end();
  }
}

/** A server that answers every PostgreSQL startup with the ErrorResponse PostgreSQL sends for a wrong password (SQLSTATE 28P01). */
async function refusingPasswords(): Promise<Server> {
  const server = createServer((socket) => {
    socket.once('data', () => {
      const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "postgres"'].map((field) => Buffer.from(`${field}\0`));
      const body = Buffer.concat([...fields, Buffer.from([0])]);
      const header = Buffer.alloc(5);
      header.write('E', 0);
      header.writeInt32BE(body.length + 4, 1);
      socket.end(Buffer.concat([header, body]));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

describe('requireReachableDatabase refuses a database it cannot use with one line naming where and what to do, never the password', () => {
  test('a database that does not exist', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.password = PASSWORD;
    url.pathname = '/strongroom_no_such_database';
    expect(await refusalFor(url.toString())).toMatch(
      /^cannot connect to the database at \S+@[^/]+\/strongroom_no_such_database \(DATABASE_URL\): that database does not exist: create it, or correct the database name in DATABASE_URL$/,
    );
  });

  test('a wrong password', async () => {
    const server = await refusingPasswords();
    const { port } = server.address() as AddressInfo;
    try {
      expect(await refusalFor(`postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`)).toBe(
        `cannot connect to the database at postgres@127.0.0.1:${port}/postgres (DATABASE_URL): PostgreSQL refused the password: correct the user or password in DATABASE_URL`,
      );
    } finally {
      server.close();
    }
  });

  test('a connection string that is not a URL', async () => {
    expect(await refusalFor(`postgres://postgres:${PASSWORD}@127.0.0.1:port/postgres`)).toBe(
      'DATABASE_URL is not a valid URL: give it as postgres://user:password@host:port/database',
    );
  });

  test('a password with an unescaped ? or #, which pg reads as a host and a port, is not quoted as the target', async () => {
    for (const delimiter of ['?', '#']) {
      const message = await refusalFor(`postgres://app:2024${delimiter}${PASSWORD}@127.0.0.1:1/postgres`);
      expect(message).toMatch(/^cannot connect to the database at the host DATABASE_URL names \(its password holds an unescaped \? or #: percent-encode it\) \(DATABASE_URL\): /);
      expect(message).not.toContain('2024');
    }
  });

  test('a Unix socket, in the form pg takes (postgres://user:password@/database?host=<directory>), is tried, not refused as malformed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'reach-socket-'));
    try {
      expect(await refusalFor(`postgres://postgres:${PASSWORD}@/postgres?host=${directory}`)).toMatch(
        new RegExp(`^cannot connect to the database at postgres@${directory}:5432/postgres \\(DATABASE_URL\\): `),
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

