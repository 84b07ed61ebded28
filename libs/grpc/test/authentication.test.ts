import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { Metadata, Status } from 'nice-grpc-common';
import { RichClientError } from 'nice-grpc-error-details';
import { rejectionOf } from '@strongroom/testing';
import { createServiceClient } from '../src/client';
import { startTestServer, TestService, type TestServer } from './test-server';

let running: TestServer;
const channels: { close(): void }[] = [];

beforeAll(async () => {
  running = await startTestServer();
});

afterAll(async () => {
  for (const channel of channels) channel.close();
  await running.server.shutdown();
});

function clientWith(token: string) {
  const { client, channel } = createServiceClient(TestService, { address: running.address, token });
  channels.push(channel);
  return client;
}

function expectUnauthenticated(error: unknown): void {
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.reason).toBe(ErrorReason.UNAUTHENTICATED);
  expect(domainError.message).toBe('a valid service credential is required');
  expect(domainError.cause).toBeInstanceOf(RichClientError);
  expect((domainError.cause as RichClientError).code).toBe(Status.UNAUTHENTICATED);
}

describe('authentication', () => {
  it('lets a call with a valid token through, with the credential in the handler context', async () => {
    const response = await clientWith(running.gatewayToken).describeKey({ keyId: 'k-1' });
    expect(response.keyMetadata).toEqual(expect.objectContaining({ keyId: 'k-1', description: 'gateway' }));
    const tenant = await clientWith(running.tenantToken).describeKey({ keyId: 'k-2' });
    expect(tenant.keyMetadata).toEqual(expect.objectContaining({ keyId: 'k-2', description: 'tenant' }));
  });

  it('rejects a call without a token as UNAUTHENTICATED', async () => {
    expectUnauthenticated(await rejectionOf(clientWith('').describeKey({ keyId: 'k-1' })));
  });

  it('rejects a call with a wrong token as UNAUTHENTICATED', async () => {
    expectUnauthenticated(await rejectionOf(clientWith('not-a-valid-token').describeKey({ keyId: 'k-1' })));
    expectUnauthenticated(await rejectionOf(clientWith(`${running.gatewayToken}x`).describeKey({ keyId: 'k-1' })));
  });

  it('takes the Bearer scheme in any case, as HTTP auth schemes are', async () => {
    const client = clientWith(running.gatewayToken);
    for (const scheme of ['bearer', 'BEARER']) {
      const response = await client.describeKey({ keyId: 'k-1' }, { metadata: Metadata({ authorization: `${scheme} ${running.gatewayToken}` }) });
      expect(response.keyMetadata).toEqual(expect.objectContaining({ keyId: 'k-1', description: 'gateway' }));
    }
  });

  it('rejects a call with no authorization metadata at all, or a valid token not sent as Bearer', async () => {
    const client = clientWith(running.gatewayToken);
    expectUnauthenticated(await rejectionOf(client.describeKey({ keyId: 'k-1' }, { metadata: Metadata() })));
    expectUnauthenticated(
      await rejectionOf(client.describeKey({ keyId: 'k-1' }, { metadata: Metadata({ authorization: running.gatewayToken }) })),
    );
  });

  it('authenticates every method, not just one', async () => {
    expectUnauthenticated(await rejectionOf(clientWith('').listKeys({})));
    await expect(clientWith(running.gatewayToken).listKeys({})).resolves.toBeDefined();
  });

  it('never runs the handler for an unauthenticated call', async () => {
    const error = await rejectionOf(clientWith('').describeKey({ keyId: 'crash' }));
    expectUnauthenticated(error);
    expect(running.logLines.join('')).not.toContain('unexpected error in handler');
  });
});
