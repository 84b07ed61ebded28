import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { Status } from 'nice-grpc-common';
import type { RichClientError } from 'nice-grpc-error-details';
import { rejectionOf } from '@strongroom/testing';
import { createServiceClient } from '../src/client';
import { startTestServer, TENANT_ACCOUNT, TestService, type TestServer } from './test-server';

let running: TestServer;
let gateway: ReturnType<typeof createServiceClient<typeof TestService>>;
let tenant: ReturnType<typeof createServiceClient<typeof TestService>>;

beforeAll(async () => {
  running = await startTestServer();
  gateway = createServiceClient(TestService, { address: running.address, token: running.gatewayToken });
  tenant = createServiceClient(TestService, { address: running.address, token: running.tenantToken });
});

afterAll(async () => {
  gateway.channel.close();
  tenant.channel.close();
  await running.server.shutdown();
});

const OTHER_ACCOUNT = '444455556666';

async function acting(client: typeof gateway, principal: { accountId: string; arn: string } | undefined) {
  const response = await client.client.describeKey({ keyId: 'principal', principal });
  return { accountId: response.keyMetadata?.awsAccountId, arn: response.keyMetadata?.arn };
}

async function failure(client: typeof gateway, principal: { accountId: string; arn: string } | undefined): Promise<DomainError> {
  const error = await rejectionOf(client.client.describeKey({ keyId: 'principal', principal }));
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('assertPrincipal', () => {
  it('accepts the account a credential may act for, defaulting the ARN to the account root', async () => {
    expect(await acting(tenant, { accountId: TENANT_ACCOUNT, arn: '' })).toEqual({
      accountId: TENANT_ACCOUNT,
      arn: `arn:aws:iam::${TENANT_ACCOUNT}:root`,
    });
  });

  it('keeps an IAM or STS ARN of that account as given', async () => {
    for (const arn of [`arn:aws:iam::${TENANT_ACCOUNT}:user/alice`, `arn:aws:sts::${TENANT_ACCOUNT}:assumed-role/reader/session-1`]) {
      expect(await acting(tenant, { accountId: TENANT_ACCOUNT, arn })).toEqual({ accountId: TENANT_ACCOUNT, arn });
    }
  });

  it('lets a credential for any account act for any account', async () => {
    expect(await acting(gateway, { accountId: OTHER_ACCOUNT, arn: '' })).toEqual({
      accountId: OTHER_ACCOUNT,
      arn: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
    });
  });

  it('rejects an account the credential may not assert as PRINCIPAL_NOT_ALLOWED (PERMISSION_DENIED)', async () => {
    const error = await failure(tenant, { accountId: OTHER_ACCOUNT, arn: '' });
    expect(error.reason).toBe(ErrorReason.PRINCIPAL_NOT_ALLOWED);
    expect(error.message).toBe(`credential "tenant" may not act for account ${OTHER_ACCOUNT}`);
    expect((error.cause as RichClientError).code).toBe(Status.PERMISSION_DENIED);
  });

  it('rejects it whatever ARN it is dressed in', async () => {
    const error = await failure(tenant, { accountId: OTHER_ACCOUNT, arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/mallory` });
    expect(error.reason).toBe(ErrorReason.PRINCIPAL_NOT_ALLOWED);
  });

  it.each([
    ['missing', undefined],
    ['empty', { accountId: '', arn: '' }],
    ['too short', { accountId: '12345678901', arn: '' }],
    ['too long', { accountId: '1234567890123', arn: '' }],
    ['not digits', { accountId: '11112222333a', arn: '' }],
    ['padded', { accountId: ` ${TENANT_ACCOUNT}`, arn: '' }],
  ])('rejects a principal whose account id is %s as INVALID_ARGUMENT on principal.account_id', async (_case, principal) => {
    for (const client of [tenant, gateway]) {
      const error = await failure(client, principal);
      expect(error.reason).toBe(ErrorReason.INVALID_ARGUMENT);
      expect(error.fieldViolations).toEqual([{ field: 'principal.account_id', description: 'must be a 12-digit account id' }]);
      expect((error.cause as RichClientError).code).toBe(Status.INVALID_ARGUMENT);
    }
  });

  it.each([
    ['of another account', `arn:aws:iam::${OTHER_ACCOUNT}:user/alice`],
    ['of another service', `arn:aws:s3:::${TENANT_ACCOUNT}`],
    ['of another partition', `arn:aws-cn:iam::${TENANT_ACCOUNT}:root`],
    ['that is not an ARN', 'alice'],
    ['whose account is only a prefix', `arn:aws:iam::${TENANT_ACCOUNT}0:root`],
  ])('rejects an ARN %s as INVALID_ARGUMENT on principal.arn', async (_case, arn) => {
    const error = await failure(gateway, { accountId: TENANT_ACCOUNT, arn });
    expect(error.reason).toBe(ErrorReason.INVALID_ARGUMENT);
    expect(error.fieldViolations).toEqual([
      { field: 'principal.arn', description: "must be an IAM or STS ARN of the principal's account" },
    ]);
  });
});
