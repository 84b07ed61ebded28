import { ErrorReason, policyServiceDefinition } from '@strongroom/contracts';
import { deriveSigningKey } from '@strongroom/sigv4';
import { root, startPolicyHarness, TENANT_ACCOUNT, today, type PolicyHarness, type PolicyReplica, reasonOf } from './policy-harness';

const ACCESS_KEY_ID = 'AKIATENANTROOTKEY234';
const SECRET = 't'.repeat(40);
const OTHER_ACCOUNT = '444455556666';

function scope(date: string) {
  return { accessKeyId: ACCESS_KEY_ID, date, region: 'us-east-1', service: 's3' };
}

describe('GetSigningKey: who is served, and for which days', () => {
  let harness: PolicyHarness;
  beforeAll(async () => {
    harness = await startPolicyHarness();
    await harness.account(TENANT_ACCOUNT);
    await harness.client.createAccessKey({ principal: root(TENANT_ACCOUNT), accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET });
  });
  afterAll(() => harness.close());

  test("a tenant's credential gets no signing key, not even of its own account's root; the gateway's credential does", async () => {
    expect(await reasonOf(harness.tenantClient.getSigningKey(scope(today())))).toBe('PRINCIPAL_NOT_ALLOWED');
    const served = await harness.gatewayClient.getSigningKey(scope(today()));
    expect(Buffer.from(served.signingKey)).toEqual(deriveSigningKey(SECRET, today(), 'us-east-1', 's3'));
    expect(served.principal).toMatchObject({ accountId: TENANT_ACCOUNT, arn: `arn:aws:iam::${TENANT_ACCOUNT}:root` });
  });

  test('the answer is wiped in transit: the message the client received, once decoded; the key reaches it as the generated decoder reads it', async () => {
    const received: Uint8Array[] = [];
    const method = policyServiceDefinition.methods.getSigningKey;
    const recordingDecode = (input: Uint8Array) => {
      received.push(input);
      return method.responseType.decode(input);
    };
    const recording = { ...policyServiceDefinition, methods: { ...policyServiceDefinition.methods, getSigningKey: { ...method, responseType: { ...method.responseType, decode: recordingDecode } } } };
    const served = await harness.gatewayClientWith(recording).getSigningKey(scope(today()));
    expect(Buffer.from(served.signingKey)).toEqual(deriveSigningKey(SECRET, today(), 'us-east-1', 's3'));
    expect(received).toHaveLength(1);
    expect(received[0]!.length).toBeGreaterThan(32);
    expect(received[0]!.every((byte) => byte === 0)).toBe(true);
    expect(Buffer.from((await harness.gatewayClient.getSigningKey(scope(today()))).signingKey)).toEqual(deriveSigningKey(SECRET, today(), 'us-east-1', 's3'));
  });

  test('the refusal tells nothing of the key: an unknown key, or one of another account, gets the same', async () => {
    await harness.account(OTHER_ACCOUNT);
    const { accessKey } = await harness.client.createAccessKey({ principal: root(OTHER_ACCOUNT) });
    for (const accessKeyId of [accessKey!.accessKeyId, 'AKIAAAAAAAAAAAAAAAAA']) {
      expect(await reasonOf(harness.tenantClient.getSigningKey({ ...scope(today()), accessKeyId }))).toBe('PRINCIPAL_NOT_ALLOWED');
    }
  });

  describe('at a fixed time', () => {
    let replica: PolicyReplica | undefined;
    afterEach(async () => {
      await replica?.close();
      replica = undefined;
    });

    test.each([
      ['at noon', '2026-03-15T12:00:00Z', ['20260308', '20260312', '20260315'], ['20260307', '20260316', '20301231', '20991231', '19700101']],
      // A request may be dated 15 minutes ahead, into tomorrow; a presigned URL signed 7 days ago late at night is still valid.
      ['just before midnight', '2026-03-15T23:50:00Z', ['20260308', '20260316'], ['20260307', '20260317']],
      // Just after midnight, a URL signed 7 days before the previous day's end is still valid for a few minutes.
      ['just after midnight', '2026-03-15T00:10:00Z', ['20260307', '20260315'], ['20260306', '20260316']],
    ])('%s, keys are served for the days a header-signed or presigned request is signed on, and refused for others', async (_, time, served, refused) => {
      replica = await harness.startReplica({ now: () => Date.parse(time) });
      for (const date of served) {
        expect(Buffer.from((await replica.client.getSigningKey(scope(date))).signingKey)).toEqual(deriveSigningKey(SECRET, date, 'us-east-1', 's3'));
      }
      for (const date of refused) {
        const error = await replica.client.getSigningKey(scope(date)).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ reason: ErrorReason.INVALID_ARGUMENT, fieldViolations: [{ field: 'date' }] });
      }
    });
  });
});
