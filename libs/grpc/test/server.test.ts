import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { FileDescriptorProto } from 'google-protobuf/google/protobuf/descriptor_pb';
import { ChannelCredentials, createChannel, createClient } from 'nice-grpc';
import { ClientError, Status } from 'nice-grpc-common';
import { HealthDefinition } from 'nice-grpc-server-health';
import { HealthCheckResponse_ServingStatus as ServingStatus } from 'nice-grpc-server-health/lib/proto/grpc/health/v1/health';
import { ServerReflectionService } from 'nice-grpc-server-reflection';
import { ServerReflectionRequest, type ServerReflectionResponse } from 'nice-grpc-server-reflection/lib/proto/grpc/reflection/v1/reflection_pb';
import { once } from 'node:events';
import { connect } from 'node:http2';
import { createLogger } from '@strongroom/observability';
import { rejectionOf, testCredentials, until } from '@strongroom/testing';
import { createServiceClient } from '../src/client';
import { startGrpcServer } from '../src/server';
import { SERVER_RECEIVE_WINDOW_BYTES, SERVER_STREAM_WINDOW_BYTES } from '../src/server-flow-control';
import { startTestServer, TEST_SERVICE_NAME, TestService, type TestServer } from './test-server';

/** Streams `items` one by one, as a client stream. */
async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** A health client on `address` that sends no credential at all. */
function healthClient(address: string) {
  const channel = createChannel(address, ChannelCredentials.createInsecure());
  return { client: createClient(HealthDefinition, channel), channel };
}

describe('startGrpcServer', () => {
  let running: TestServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(async () => {
    await running.server.shutdown();
  });

  it('a port in use fails the start naming the address, and leaves the server on it serving', async () => {
    const credentials = testCredentials().registry;
    const logger = createLogger({ name: 'grpc-test', level: 'silent' });
    const clash = (address: string, healthAddress: string) =>
      startGrpcServer({ name: 'kms', address, healthAddress, credentials, logger, register: () => undefined, serviceNames: [TEST_SERVICE_NAME] });
    await expect(clash(running.address, '127.0.0.1:0')).rejects.toThrow(`cannot listen on ${running.address} for the kms API: the address is in use by another process`);
    await expect(clash('127.0.0.1:0', running.healthAddress)).rejects.toThrow(`cannot listen on ${running.healthAddress} for the kms health probes: the address is in use`);
    const { client, channel } = createServiceClient(TestService, { address: running.address, token: running.gatewayToken });
    try {
      expect((await client.describeKey({ keyId: 'k-1' })).keyMetadata?.keyId).toBe('k-1');
    } finally {
      channel.close();
    }
  });

  it('listens on two distinct free ports', () => {
    expect(running.server.port).toBeGreaterThan(0);
    expect(running.server.healthPort).toBeGreaterThan(0);
    expect(running.server.healthPort).not.toBe(running.server.port);
  });

  describe('health port', () => {
    let health: ReturnType<typeof healthClient>;

    beforeAll(() => {
      health = healthClient(running.healthAddress);
    });

    afterAll(() => {
      health.channel.close();
      running.server.health.setStatus('healthy');
    });

    it('answers SERVING for the server and each service without any credential', async () => {
      expect(await health.client.check({ service: '' })).toEqual(expect.objectContaining({ status: ServingStatus.SERVING }));
      expect(await health.client.check({ service: TEST_SERVICE_NAME })).toEqual(expect.objectContaining({ status: ServingStatus.SERVING }));
    });

    it('answers NOT_FOUND for a service it does not serve', async () => {
      const error = (await rejectionOf(health.client.check({ service: 'strongroom.nope.v1.Nope' }))) as ClientError;
      expect(error).toBeInstanceOf(ClientError);
      expect(error.code).toBe(Status.NOT_FOUND);
    });

    it('reports NOT_SERVING once the server is marked unhealthy (draining)', async () => {
      running.server.health.setStatus('unhealthy');
      expect(await health.client.check({ service: '' })).toEqual(expect.objectContaining({ status: ServingStatus.NOT_SERVING }));
      running.server.health.setStatus('healthy');
      expect(await health.client.check({ service: '' })).toEqual(expect.objectContaining({ status: ServingStatus.SERVING }));
    });

    it('serves only health: the API is not reachable through it', async () => {
      const { client, channel } = createServiceClient(TestService, { address: running.healthAddress, token: running.gatewayToken });
      try {
        const error = (await rejectionOf(client.describeKey({ keyId: 'k-1' }))) as ClientError;
        expect(error).toBeInstanceOf(ClientError);
        expect(error.code).toBe(Status.UNIMPLEMENTED);
      } finally {
        channel.close();
      }
    });
  });

  describe('API port', () => {
    it('requires the credential for health there too', async () => {
      const { client, channel } = createServiceClient(HealthDefinition, { address: running.address, token: '' });
      try {
        const error = (await rejectionOf(client.check({ service: '' }))) as DomainError;
        expect(error).toBeInstanceOf(DomainError);
        expect(error.reason).toBe(ErrorReason.UNAUTHENTICATED);
      } finally {
        channel.close();
      }
    });

    it('serves reflection listing the services, with their descriptors', async () => {
      const { client, channel } = createServiceClient(ServerReflectionService, { address: running.address, token: running.gatewayToken });
      try {
        const requests = [
          new ServerReflectionRequest().setListServices(''),
          new ServerReflectionRequest().setFileContainingSymbol(TEST_SERVICE_NAME),
        ];
        const responses: ServerReflectionResponse[] = [];
        for await (const response of client.serverReflectionInfo(toAsync(requests))) responses.push(response);
        expect(responses).toHaveLength(2);

        const names = responses[0]!.getListServicesResponse()!.getServiceList().map((service) => service.getName());
        expect(names.sort()).toEqual(['grpc.health.v1.Health', TEST_SERVICE_NAME]);

        const files = responses[1]!.getFileDescriptorResponse()!.getFileDescriptorProtoList_asU8();
        const described = files.map((bytes) => FileDescriptorProto.deserializeBinary(bytes));
        const serviceFile = described.find((file) => file.getName() === 'strongroom/kms/v1/service.proto');
        expect(serviceFile?.getServiceList().map((service) => service.getName())).toEqual(['KeyManagementService']);
      } finally {
        channel.close();
      }
    });

    it('lets a client send two bulk messages on a stream, and 4 MiB on the connection, before it must wait for a WINDOW_UPDATE', async () => {
      const session = connect(`http://${running.address}`);
      try {
        await once(session, 'remoteSettings');
        await until('the connection window widened', () => session.state.remoteWindowSize === SERVER_RECEIVE_WINDOW_BYTES, 1_000);
        expect(session.remoteSettings.initialWindowSize).toBe(SERVER_STREAM_WINDOW_BYTES);
        expect(SERVER_STREAM_WINDOW_BYTES).toBeGreaterThan(2 * (512 * 1024 + 16));
        expect(session.state.remoteWindowSize).toBe(4 * 1024 * 1024);
      } finally {
        session.destroy();
      }
    });
  });
});

describe('RunningGrpcServer.shutdown', () => {
  it('lets a running call finish, then closes both ports', async () => {
    const running = await startTestServer();
    const { client, channel } = createServiceClient(TestService, { address: running.address, token: running.gatewayToken });
    const health = healthClient(running.healthAddress);
    try {
      await health.client.check({ service: '' });
      const inFlight = client.describeKey({ keyId: 'slow' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await running.server.shutdown();
      expect((await inFlight).keyMetadata?.keyId).toBe('slow');

      const fresh = createServiceClient(TestService, { address: running.address, token: running.gatewayToken });
      try {
        const error = (await rejectionOf(fresh.client.describeKey({ keyId: 'k-1' }))) as ClientError;
        expect(error.code).toBe(Status.UNAVAILABLE);
      } finally {
        fresh.channel.close();
      }
      const healthError = (await rejectionOf(health.client.check({ service: '' }))) as ClientError;
      expect(healthError.code).toBe(Status.UNAVAILABLE);
    } finally {
      channel.close();
      health.channel.close();
    }
  });
});
