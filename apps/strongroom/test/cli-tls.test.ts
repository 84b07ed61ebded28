import { testCertificate } from '@strongroom/testing';
import { ACCOUNT, runWith, startPolicyCliHarness, type PolicyCliHarness } from './cli/cli-harness';

/**
 * KMS and policy API ports that serve TLS: the policy service calls the KMS
 * over TLS (sealing an access key's secret), and the CLI calls both with
 * the CA bundle of STRONGROOM_SERVICES_CA_FILE; without it, it cannot
 * connect.
 */
describe('strongroom CLI and the policy service against API ports that serve TLS', () => {
  let harness: PolicyCliHarness;

  beforeAll(async () => {
    harness = await startPolicyCliHarness(await testCertificate());
  });
  afterAll(() => harness.close());

  test('with the CA bundle, the CLI calls both services and the policy service calls the KMS', async () => {
    const account = await harness.cli('account', 'create', '--account-id', ACCOUNT, '--display-name', 'main');
    expect({ code: account.code, stderr: account.stderr }).toEqual({ code: 0, stderr: '' });
    expect((await harness.cli('user', 'create', '--user-name', 'alice')).code).toBe(0);
    const key = await harness.cli('access-key', 'create', '--user-name', 'alice');
    expect({ code: key.code, stderr: key.stderr }).toEqual({ code: 0, stderr: '' });
    expect(key.json<{ AccessKey: { SecretAccessKey: string } }>().AccessKey.SecretAccessKey).toHaveLength(40);
    const created = await harness.cli('kms', 'create-key', '--description', 'over TLS');
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });
  });

  test('without it, or in plaintext, the CLI cannot connect; a malformed setting is a configuration error', async () => {
    const plaintext = { ...harness.env, STRONGROOM_SERVICES_CA_FILE: undefined };
    const refused = await runWith(plaintext, ['kms', 'list-keys']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Could not connect to the endpoint');
    const systemRoots = await runWith({ ...plaintext, STRONGROOM_SERVICES_TLS: 'true' }, ['kms', 'list-keys']);
    expect(systemRoots.stderr).toContain('Could not connect to the endpoint');
    const malformed = await runWith({ ...harness.env, STRONGROOM_SERVICES_TLS: 'yes' }, ['kms', 'list-keys']);
    expect(malformed.code).toBe(253);
    expect(malformed.stderr).toContain('STRONGROOM_SERVICES_TLS must be true or false');
  });
});
