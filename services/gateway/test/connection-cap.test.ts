import { kmsV1, policyV1, storageServiceDefinition } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import { createLogger } from '@strongroom/observability';
import { until } from '@strongroom/testing';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { TrustedProxies } from '../src/http/client-address';
import { startGateway, type RunningGateway } from '../src/server';

let gateway: RunningGateway;
const channels: { close(): void }[] = [];

beforeAll(async () => {
  // No request here reaches a service: bytes that are not HTTP get the gateway's own answer.
  const [storage, policy, kms] = [storageServiceDefinition, policyV1.PolicyServiceDefinition, kmsV1.KeyManagementServiceDefinition].map((definition) =>
    createServiceClient(definition, { address: '127.0.0.1:1', token: 'unused' }),
  );
  channels.push(storage!.channel, policy!.channel, kms!.channel);
  gateway = await startGateway({
    storage: storage!.client as never,
    policy: policy!.client as never,
    kms: kms!.client as never,
    config: { region: 'us-east-1', httpAddress: '127.0.0.1:0', httpsAddress: '127.0.0.1:0', domain: 'localhost', trustedProxies: TrustedProxies.parse(''), maxConnections: 2 },
    logger: createLogger({ name: 'connection-cap-test', level: 'silent' }),
  });
});

afterAll(async () => {
  await gateway.close();
  for (const channel of channels) channel.close();
});

/** A connection to the gateway, once open. */
async function open(): Promise<Socket> {
  const socket = connect(gateway.httpPort!, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

/** What the gateway answers `bytes` (which are not HTTP) on `socket`, up to its closing the connection. */
async function answerTo(socket: Socket, bytes: string): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(bytes);
  await once(socket, 'close');
  return Buffer.concat(chunks).toString('latin1');
}

test('a connection over STRONGROOM_GATEWAY_MAX_CONNECTIONS is closed, and the gateway serves others once some close', async () => {
  const held = [await open(), await open()];
  const excess = await open();
  expect(await answerTo(excess, 'NOT HTTP\r\n\r\n')).toBe('');
  held[0]!.destroy();
  await once(held[0]!, 'close');
  // The gateway counts the closed connection out once it has seen it close.
  await until('serving a new connection', async () => /^HTTP\/1\.1 400 /.test(await answerTo(await open(), 'NOT HTTP\r\n\r\n')), 2000);
  held[1]!.destroy();
});
