import { StartRefused } from '@strongroom/config';
import { createLogger, Secret } from '@strongroom/observability';
import { createTestDatabase, testCredentials } from '@strongroom/testing';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { migrateKms, startKmsService } from '../src';

test('a KMS that cannot listen is refused and leaves no change feed behind (it would reconnect, and warn, until the process ends)', async () => {
  const database = await createTestDatabase();
  const taken = createServer();
  await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
  const address = `127.0.0.1:${(taken.address() as AddressInfo).port}`;
  try {
    await migrateKms(database.pool);
    const failure = await startKmsService({
      pool: database.pool,
      databaseUrl: database.url,
      region: 'us-east-1',
      rootKey: new Secret(new Uint8Array(randomBytes(32))),
      credentials: testCredentials().registry,
      logger: createLogger({ name: 'kms-test', level: 'silent' }),
      address,
      healthAddress: '127.0.0.1:0',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartRefused);
    expect((failure as Error).message).toBe(`cannot listen on ${address} for the kms API: the address is in use by another process`);
    const { rows } = await database.pool.query<{ listening: number }>(
      "SELECT count(*)::int AS listening FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state <> 'disabled'",
    );
    expect(rows[0]!.listening).toBe(0);
  } finally {
    taken.close();
    await database.drop();
  }
});
