import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { ClientError, Status } from 'nice-grpc-common';
import { rejectionOf } from '@strongroom/testing';
import { createServiceClient } from '../src/client';
import { startTestServer, TestService, type TestServer } from './test-server';

/** The test service's DescribeKey, sending whatever bytes it is given as the request. */
const RawDescribeKey = {
  ...TestService,
  methods: {
    describeKey: {
      ...TestService.methods.describeKey,
      requestType: { encode: (bytes: Uint8Array) => ({ finish: () => bytes }), decode: (bytes: Uint8Array) => bytes },
    },
  },
} as const;

/** Field 2 of DescribeKeyRequest (`key_id`), length-delimited, holding `bytes`. */
function keyIdField(bytes: readonly number[]): Uint8Array {
  return Uint8Array.from([(2 << 3) | 2, bytes.length, ...bytes]);
}

let running: TestServer;

beforeAll(async () => {
  running = await startTestServer();
});

afterAll(async () => {
  await running.server.shutdown();
});

function rawClient(token: string) {
  return createServiceClient(RawDescribeKey as unknown as typeof TestService, { address: running.address, token });
}

describe('a request its decoder refuses', () => {
  it.each([
    ['invalid UTF-8 in a string', keyIdField([0x61, 0xff, 0x62])],
    ['a lone surrogate encoded in UTF-8', keyIdField([0xed, 0xa0, 0x80])],
    ['a field cut short', Uint8Array.from([(2 << 3) | 2, 10, 0x61])],
  ])('is INVALID_ARGUMENT naming the method, not INTERNAL (%s), and the channel stays usable', async (_case, bytes) => {
    const { client, channel } = rawClient(running.gatewayToken);
    try {
      const error = await rejectionOf(client.describeKey(bytes as unknown as kmsV1.DescribeKeyRequest));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).reason).toBe(ErrorReason.INVALID_ARGUMENT);
      expect(((error as DomainError).cause as ClientError).code).toBe(Status.INVALID_ARGUMENT);
      expect((error as DomainError).message).toMatch(/^the request to \/strongroom\.kms\.v1\.KeyManagementService\/DescribeKey is not a valid message: /);
      const valid = await client.describeKey(kmsV1.DescribeKeyRequest.encode({ keyId: 'après', principal: undefined }).finish() as unknown as kmsV1.DescribeKeyRequest);
      expect(valid.keyMetadata?.keyId).toBe('après');
    } finally {
      channel.close();
    }
  });

  it('is UNAUTHENTICATED for a caller without a credential: the check of the bytes comes after authentication', async () => {
    const { client, channel } = rawClient('not-a-token');
    try {
      const error = await rejectionOf(client.describeKey(keyIdField([0xff]) as unknown as kmsV1.DescribeKeyRequest));
      expect((error as DomainError).reason).toBe(ErrorReason.UNAUTHENTICATED);
    } finally {
      channel.close();
    }
  });
});
