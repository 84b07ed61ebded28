import { CredentialRegistry, createServiceClient, startGrpcServer, tokenDigest, type RunningGrpcServer } from '@strongroom/grpc';
import { createLogger } from '@strongroom/observability';
import type { Channel } from 'nice-grpc';
import { HealthDefinition } from 'nice-grpc-server-health';
import { grpcServingCheck } from './grpc-serving-check';

const SERVICE = 'strongroom.test.v1.TestService';
const TOKEN = 'gateway-token';

describe('grpcServingCheck against a Strongroom gRPC server', () => {
  let server: RunningGrpcServer;
  const channels: Channel[] = [];
  beforeAll(async () => {
    server = await startGrpcServer({
      name: 'test',
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      credentials: new CredentialRegistry([{ name: 'gateway', tokenSha256: tokenDigest(TOKEN), accounts: '*', serviceKeys: false }]),
      logger: createLogger({ name: 'grpc-serving-check-spec', level: 'silent' }),
      serviceNames: [SERVICE],
      register: () => undefined,
    });
  });
  afterAll(async () => {
    for (const channel of channels) channel.close();
    await server.shutdown();
  });

  function check(service: string, token = TOKEN) {
    const { client, channel } = createServiceClient(HealthDefinition, { address: `127.0.0.1:${server.port}`, token });
    channels.push(channel);
    return grpcServingCheck('storage', client, service).check(new AbortController().signal);
  }

  it('passes while the service is SERVING on the API port, with the gateway credential', async () => {
    await expect(check(SERVICE)).resolves.toBeUndefined();
  });

  it('fails with a wrong credential, for an unknown service, and once the service drains', async () => {
    await expect(check(SERVICE, 'not-the-token')).rejects.toThrow(/credential/);
    await expect(check('strongroom.test.v1.Unknown')).rejects.toThrow();
    server.health.setStatus('unhealthy', SERVICE);
    await expect(check(SERVICE)).rejects.toThrow(`${SERVICE} is NOT_SERVING`);
    server.health.setStatus('healthy', SERVICE);
  });

  it('fails when nothing listens', async () => {
    const { client, channel } = createServiceClient(HealthDefinition, { address: '127.0.0.1:1', token: TOKEN });
    channels.push(channel);
    const signal = AbortSignal.timeout(2000);
    await expect(grpcServingCheck('policy', client, SERVICE).check(signal)).rejects.toThrow();
  });
});
