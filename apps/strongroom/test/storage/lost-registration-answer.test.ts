import { createPool, type Pool } from '@strongroom/db';
import type { RunningGrpcServer } from '@strongroom/grpc';
import { rejectionOf, startPostgresProxy, type PostgresProxy } from '@strongroom/testing';
import { ClientError, Status } from 'nice-grpc-common';
import { as, OWNER, startStorageHarness, type StorageHarness, type StorageReplica } from './storage-harness';

describe('storage: a bucket registration whose answer policy lost with its database connection', () => {
  let harness: StorageHarness;
  let proxy: PostgresProxy;
  let pool: Pool;
  let policy: RunningGrpcServer;
  let replica: StorageReplica;

  beforeAll(async () => {
    harness = await startStorageHarness();
    proxy = await startPostgresProxy(harness.database.url);
    pool = createPool({ connectionString: proxy.url, applicationName: 'lost-registration' });
    policy = await harness.startPolicyReplica(pool);
    replica = await harness.startReplica({ policyEndpoint: `127.0.0.1:${policy.port}` });
  });
  afterAll(async () => {
    await replica.close();
    await policy.shutdown();
    await pool.end();
    await proxy.close();
    await harness.close();
  });

  test('a CreateBucket that failed UNAVAILABLE after policy committed the registration leaves no registration behind', async () => {
    proxy.dropNextReplyTo('COMMIT');
    const error = await rejectionOf(replica.client.createBucket({ requester: as.root(OWNER), bucket: 'orphan' }));
    expect((error as ClientError).code).toBe(Status.UNAVAILABLE);
    const { rows } = await harness.database.pool.query<{ count: string }>('SELECT count(*) FROM policy.buckets WHERE name = $1', ['orphan']);
    expect(rows[0]!.count).toBe('0');
  });
});
