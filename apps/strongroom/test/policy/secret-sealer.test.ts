import { SecretSealer, type KmsClient } from '@strongroom/policy';
import { startPolicyHarness, TENANT_ACCOUNT, type PolicyHarness } from './policy-harness';

const ACCESS_KEY_ID = 'AKIASEALEDSECRET2345';
const SECRET = 's'.repeat(40);

describe('SecretSealer', () => {
  let harness: PolicyHarness;
  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(TENANT_ACCOUNT);
  });
  afterAll(() => harness.close());

  test('seals a secret through the KMS, wipes the bytes it sent once answered, and opens it again', async () => {
    const sent: Uint8Array[] = [];
    const recording: KmsClient = {
      ...harness.kmsClient,
      encrypt: (request, options) => {
        if (request.plaintext !== undefined) sent.push(request.plaintext);
        return harness.kmsClient.encrypt(request, options);
      },
    };
    const sealer = new SecretSealer(recording);
    const sealed = await sealer.seal(TENANT_ACCOUNT, ACCESS_KEY_ID, SECRET);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.every((byte) => byte === 0)).toBe(true);
    const opened = await sealer.open(TENANT_ACCOUNT, ACCESS_KEY_ID, sealed);
    expect(opened.toString('utf8')).toBe(SECRET);
  });
});
