import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { TrustedProxies, startGateway } from '@strongroom/gateway';
import { createLogger } from '@strongroom/observability';
import { OWNER, startStorageHarness, type StorageHarness } from '../storage/storage-harness';

type PolicyClient = StorageHarness['policy'];

/** The harness's policy client, keeping every signing key it answers, so that the test can see what the gateway did with them. */
function watchedPolicy(policy: PolicyClient): { policy: PolicyClient; answered: Buffer[] } {
  const answered: Buffer[] = [];
  const getSigningKey: PolicyClient['getSigningKey'] = async (request, options) => {
    const response = await policy.getSigningKey(request, options);
    answered.push(response.signingKey);
    return response;
  };
  return { policy: Object.assign(Object.create(policy) as PolicyClient, { getSigningKey }), answered };
}

const wiped = (bytes: Buffer) => bytes.length > 0 && bytes.every((byte) => byte === 0);

describe('S3 gateway: closing it wipes the signing keys it cached', () => {
  let backend: StorageHarness;

  beforeAll(async () => {
    backend = await startStorageHarness();
  }, 60_000);
  afterAll(() => backend.close());

  test('a signing key is cached (unwiped) while the gateway runs, and wiped once it closes', async () => {
    const { policy, answered } = watchedPolicy(backend.policy);
    const gateway = await startGateway({
      storage: backend.client,
      policy,
      kms: backend.kms,
      config: { region: 'us-east-1', httpAddress: '127.0.0.1:0', httpsAddress: '127.0.0.1:0', domain: 'localhost', trustedProxies: TrustedProxies.parse('') },
      logger: createLogger({ name: 'gateway-close-test', level: 'silent' }),
    });
    const created = await backend.policy.createAccessKey({ principal: { accountId: OWNER, arn: '' }, userName: '' });
    const client = new S3Client({
      endpoint: `http://127.0.0.1:${gateway.httpPort}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: created.accessKey!.accessKeyId, secretAccessKey: created.secretAccessKey },
    });
    try {
      await client.send(new ListBucketsCommand({}));
      await client.send(new ListBucketsCommand({}));
      expect(answered).toHaveLength(1);
      expect(wiped(answered[0]!)).toBe(false);
    } finally {
      client.destroy();
      await gateway.close();
    }
    expect(wiped(answered[0]!)).toBe(true);
  });
});
