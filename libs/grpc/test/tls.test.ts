import { nonLoopbackAddress, rejectionOf, testCertificate, type TestCertificate } from '@strongroom/testing';
import { HealthDefinition } from 'nice-grpc-server-health';
import { ClientError, Status } from 'nice-grpc-common';
import type { ServicesTls } from '@strongroom/config';
import { createServiceClient } from '../src/client';
import { startTestServer, TestService, type TestServer } from './test-server';

/**
 * An API port with a certificate serves TLS: a client that trusts the
 * certificate's CA calls it, and the call counts as secure from any
 * address; a plaintext client, or one that trusts another CA, gets no
 * answer. The servers listen on 0.0.0.0 and are called through this
 * machine's address beyond loopback too, as from another host.
 */
describe('TLS on the API port', () => {
  const remote = nonLoopbackAddress();
  let certificate: TestCertificate;
  let secure: TestServer;
  let plain: TestServer;
  const channels: { close(): void }[] = [];

  beforeAll(async () => {
    certificate = await testCertificate();
    secure = await startTestServer({ address: '0.0.0.0:0', tls: certificate });
    plain = await startTestServer({ address: '0.0.0.0:0' });
  });

  afterAll(async () => {
    for (const channel of channels) channel.close();
    await secure.server.shutdown();
    await plain.server.shutdown();
  });

  function clientTo(host: string, server: TestServer, tls: ServicesTls | undefined) {
    const { client, channel } = createServiceClient(TestService, { address: `${host}:${server.server.port}`, token: server.gatewayToken, tls });
    channels.push(channel);
    return client;
  }

  const transportOf = async (host: string, server: TestServer, tls: ServicesTls | undefined) =>
    (await clientTo(host, server, tls).describeKey({ keyId: 'transport' })).keyMetadata?.description;

  it('answers a client that trusts its CA, and the call is secure from loopback and from another address', async () => {
    const tls = { ca: Buffer.from(certificate.cert) };
    expect(await transportOf('127.0.0.1', secure, tls)).toBe('secure');
    expect(await transportOf('localhost', secure, tls)).toBe('secure');
    if (remote === undefined) {
      console.warn('skipped the call from another address: this machine has no IPv4 address beyond loopback');
      return;
    }
    expect(await transportOf(remote, secure, tls)).toBe('secure');
  });

  it('without TLS, takes a call from another address as one that crossed the network in the clear, and one from loopback as secure', async () => {
    expect(await transportOf('127.0.0.1', plain, undefined)).toBe('secure');
    if (remote === undefined) {
      console.warn('skipped the call from another address: this machine has no IPv4 address beyond loopback');
      return;
    }
    expect(await transportOf(remote, plain, undefined)).toBe('in the clear');
  });

  it('gives no answer to a plaintext client, nor to a client that trusts another CA or only the system roots', async () => {
    const other = await testCertificate();
    for (const tls of [undefined, { ca: Buffer.from(other.cert) }, {}]) {
      const error = await rejectionOf(clientTo('127.0.0.1', secure, tls).describeKey({ keyId: 'k-1' }));
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).code).toBe(Status.UNAVAILABLE);
    }
  });

  it('keeps the health port plaintext, for probes', async () => {
    const { client, channel } = createServiceClient(HealthDefinition, { address: secure.healthAddress, token: '' });
    channels.push(channel);
    expect((await client.check({ service: '' })).status).toBe(1);
  });
});
