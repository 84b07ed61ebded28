import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { ClientError, Status } from 'nice-grpc-common';
import { BadRequest, ErrorInfo, RichClientError } from 'nice-grpc-error-details';
import { inspect } from 'node:util';
import { rejectionOf } from '@strongroom/testing';
import { createServiceClient } from '../src/client';
import { ERROR_DOMAIN } from '../src/error-boundary';
import { INTERNAL_DETAIL, startTestServer, TestService, type TestServer } from './test-server';

let running: TestServer;
let client: ReturnType<typeof createServiceClient<typeof TestService>>;

beforeAll(async () => {
  running = await startTestServer();
  client = createServiceClient(TestService, { address: running.address, token: running.gatewayToken });
});

afterAll(async () => {
  client.channel.close();
  await running.server.shutdown();
});

/** Everything a client can see of an error: message, details, status details, cause chain. */
function visible(error: unknown): string {
  return inspect(error, { depth: 10, showHidden: true });
}

describe('the error boundary', () => {
  it('carries a DomainError to the client with its reason, message, metadata and field violations', async () => {
    const error = await rejectionOf(client.client.describeKey({ keyId: 'domain-error' }));
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.reason).toBe(ErrorReason.KEY_DISABLED);
    expect(domainError.reasonName).toBe('KEY_DISABLED');
    expect(domainError.message).toBe('key k-1 is disabled');
    expect(domainError.metadata).toEqual({ key_id: 'k-1', state: 'DISABLED' });
    expect(domainError.fieldViolations).toEqual([{ field: 'key_id', description: 'names a disabled key' }]);

    const wire = domainError.cause as RichClientError;
    expect(wire).toBeInstanceOf(RichClientError);
    expect(wire.code).toBe(Status.FAILED_PRECONDITION);
    expect(wire.extra).toEqual(
      expect.arrayContaining([
        ErrorInfo.fromPartial({ reason: 'KEY_DISABLED', domain: ERROR_DOMAIN, metadata: { key_id: 'k-1', state: 'DISABLED' } }),
        BadRequest.fromPartial({ fieldViolations: [{ field: 'key_id', description: 'names a disabled key' }] }),
      ]),
    );
  });

  it('bounds what an error echoes of a huge request, so the answer comes at once and the channel stays usable', async () => {
    const huge = `echo:${'x'.repeat(200_000)}😀${'y'.repeat(1000)}`;
    const started = Date.now();
    const error = (await rejectionOf(client.client.describeKey({ keyId: huge }))) as DomainError;
    expect(error.reason).toBe(ErrorReason.KEY_NOT_FOUND);
    expect(error.message).toBe(`${`no key ${huge}`.slice(0, 1024)}…`);
    expect(error.metadata.key_id).toBe(`${huge.slice(0, 1024)}…`);
    expect(error.fieldViolations).toEqual([{ field: `${huge.slice(0, 1024)}…`, description: `${`names no key: ${huge}`.slice(0, 1024)}…` }]);
    expect((await client.client.describeKey({ keyId: 'after' })).keyMetadata?.keyId).toBe('after');
    expect(Date.now() - started).toBeLessThan(5000);
    const server = (await rejectionOf(client.client.describeKey({ keyId: `server-echo:${'x'.repeat(200_000)}` }))) as ClientError;
    expect([server.code, server.details]).toEqual([Status.NOT_FOUND, `${`no key server-echo:${'x'.repeat(200_000)}`.slice(0, 1024)}…`]);
    const pair = `echo:${'x'.repeat(1018)}😀`;
    expect(((await rejectionOf(client.client.describeKey({ keyId: pair }))) as DomainError).metadata.key_id).toBe(`${pair.slice(0, 1023)}…`);
  });

  it('keeps the DomainError cause on the server side', async () => {
    const error = await rejectionOf(client.client.describeKey({ keyId: 'domain-error' }));
    expect(visible(error)).not.toContain(INTERNAL_DETAIL);
  });

  it.each([
    ['a database that cannot serve now', 'database-down', 'the database is unavailable; try again'],
    ['another service answering UNAVAILABLE', 'downstream-unavailable', 'a service this call needs is unavailable; try again'],
    ['another service not answering within its deadline', 'downstream-deadline', 'a service this call needs is unavailable; try again'],
  ])('turns %s into UNAVAILABLE, which callers may retry, leaking nothing of it', async (_what, keyId, message) => {
    const error = (await rejectionOf(client.client.describeKey({ keyId }))) as ClientError;
    expect(error).not.toBeInstanceOf(DomainError);
    expect([error.code, error.details]).toEqual([Status.UNAVAILABLE, message]);
    expect(visible(error)).not.toContain('hunter2');
  });

  it('turns a plain Error into INTERNAL "internal error", leaking nothing of it', async () => {
    const error = await rejectionOf(client.client.describeKey({ keyId: 'crash' }));
    expect(error).toBeInstanceOf(ClientError);
    expect(error).not.toBeInstanceOf(DomainError);
    const clientError = error as ClientError;
    expect(clientError.code).toBe(Status.INTERNAL);
    expect(clientError.details).toBe('internal error');
    expect(visible(error)).not.toContain('hunter2');
    expect(visible(error)).not.toContain('10.0.0.5');
  });

  it('logs the hidden error with its stack and the method, on the server', async () => {
    running.logLines.length = 0;
    await rejectionOf(client.client.describeKey({ keyId: 'crash' }));
    const records = running.logLines.map((line) => JSON.parse(line) as { msg: string; method: string; err: { message: string; stack: string } });
    const record = records.find((r) => r.msg === 'unexpected error in handler');
    expect(record).toBeDefined();
    expect(record!.method).toBe('/strongroom.kms.v1.KeyManagementService/DescribeKey');
    expect(record!.err.message).toBe(INTERNAL_DETAIL);
    expect(record!.err.stack).toContain('test-server.ts');
  });

  it('treats a thrown non-Error the same way', async () => {
    const error = (await rejectionOf(client.client.describeKey({ keyId: 'throw-string' }))) as ClientError;
    expect(error.code).toBe(Status.INTERNAL);
    expect(error.details).toBe('internal error');
    expect(visible(error)).not.toContain('hunter2');
  });

  it('keeps serving after handlers threw: the process and the server survive', async () => {
    for (const keyId of ['crash', 'throw-string', 'domain-error', 'crash']) {
      await rejectionOf(client.client.describeKey({ keyId }));
    }
    const response = await client.client.describeKey({ keyId: 'still-here' });
    expect(response.keyMetadata?.keyId).toBe('still-here');
  });

  it('turns an abort in the handler into CANCELLED', async () => {
    const error = (await rejectionOf(client.client.describeKey({ keyId: 'abort' }))) as ClientError;
    expect(error).toBeInstanceOf(ClientError);
    expect(error.code).toBe(Status.CANCELLED);
    expect(error.details).toBe('the call was cancelled');
  });

  it('passes an explicit ServerError through unchanged', async () => {
    const error = (await rejectionOf(client.client.describeKey({ keyId: 'server-error' }))) as ClientError;
    expect(error).not.toBeInstanceOf(DomainError);
    expect(error.code).toBe(Status.NOT_FOUND);
    expect(error.details).toBe('no such thing');
  });
});
