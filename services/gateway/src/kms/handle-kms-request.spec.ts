import { SignatureV4 } from '@smithy/signature-v4';
import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { createLogger } from '@strongroom/observability';
import { deriveSigningKey } from '@strongroom/sigv4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Authenticator } from '../auth/authenticator';
import type { PolicyClient } from '../http/command';
import { TrustedProxies } from '../http/client-address';
import { handleKmsRequest, isKmsRequest } from './handle-kms-request';
import type { KmsClient } from './kms-operation';

const ACCOUNT = '111122223333';
const ACCESS_KEY_ID = 'AKIAKMSSPECEXAMPLE01';
const SECRET = 'kms-spec-secret';

/** node:crypto behind the SDK's `Checksum` interface. */
class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = secret === undefined || typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer);
    this.#hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(data: string | Uint8Array): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    throw new Error('not needed');
  }
}

const policy = {
  getSigningKey: ({ accessKeyId, date, region, service }: { accessKeyId: string; date: string; region: string; service: string }) => {
    if (accessKeyId !== ACCESS_KEY_ID) return Promise.reject(new DomainError(ErrorReason.ACCESS_KEY_NOT_FOUND, 'no such key'));
    return Promise.resolve({
      signingKey: deriveSigningKey(SECRET, date, region, service),
      principal: { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, canonicalUserId: 'c'.repeat(64), userName: '', userId: ACCOUNT },
    });
  },
} as unknown as PolicyClient;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('handleKmsRequest over HTTP', () => {
  let server: Server;
  let port: number;
  const calls: unknown[] = [];
  const logged: string[] = [];
  const kms = {
    listKeys: (request: unknown) => {
      calls.push(request);
      return Promise.resolve({ keys: [{ keyId: 'k1', arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` }], nextMarker: '', truncated: false });
    },
    describeKey: () => Promise.reject(new DomainError(ErrorReason.INTERNAL, 'database password is hunter2')),
    generateDataKey: () => Promise.resolve({ keyId: 'k1', plaintext: Buffer.alloc(32, 1), ciphertextBlob: Buffer.from('sealed') }),
  } as unknown as KmsClient;

  beforeAll(async () => {
    const deps = {
      kms,
      authenticator: new Authenticator({ policy, region: 'us-east-1', service: 'kms' }),
      // The test client is a trusted proxy, so its X-Forwarded-Proto says whether "its client" used TLS.
      proxies: TrustedProxies.parse('127.0.0.1'),
      logger: createLogger({ name: 'kms-spec', level: 'error', destination: { write: (line: string) => logged.push(line) } }),
    };
    server = createServer((req, res) => void handleKmsRequest(req, res, deps));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function send(headers: Record<string, string>, body: string | Buffer, method = 'POST'): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port, method, path: '/', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function signed(operation: string, members: object, secret = SECRET, extra: Record<string, string> = {}): Promise<{ headers: Record<string, string>; body: string }> {
    const body = JSON.stringify(members);
    const signer = new SignatureV4({ service: 'kms', region: 'us-east-1', credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: secret }, sha256: NodeSha256 });
    const headers = { host: `127.0.0.1:${port}`, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}`, ...extra };
    const result = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {}, headers, body });
    return { headers: result.headers, body };
  }

  const call = async (operation: string, members: object = {}) => {
    const { headers, body } = await signed(operation, members);
    return send(headers, body);
  };
  const errorOf = (answer: Answer): [number, string] => [answer.status, (JSON.parse(answer.body) as { __type: string }).__type];

  it('answers a signed call with JSON, the JSON content type and a request id, acting for the signer', async () => {
    const answer = await call('ListKeys', { Limit: 5 });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(answer.body)).toEqual({ Keys: [{ KeyId: 'k1', KeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1` }], Truncated: false });
    expect(calls.at(-1)).toEqual({ principal: { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` }, limit: 5, marker: '' });
  });

  it('answers an AWS KMS operation it does not serve with UnsupportedOperationException, and one AWS KMS does not have with UnknownOperationException', async () => {
    expect(errorOf(await call('Sign', { KeyId: 'k1' }))).toEqual([400, 'UnsupportedOperationException']);
    expect(errorOf(await call('GetKeyPolicy', { KeyId: 'k1', PolicyName: 'default' }))).toEqual([400, 'UnsupportedOperationException']);
    expect(errorOf(await call('MakeCoffee', {}))).toEqual([400, 'UnknownOperationException']);
    expect(errorOf(await call('__proto__', {}))).toEqual([400, 'UnknownOperationException']);
  });

  it('serves the operations that carry plaintext or a plaintext data key only over TLS; the others over HTTP too', async () => {
    const overScheme = async (operation: string, members: object, scheme: string) => {
      const { headers, body } = await signed(operation, members, SECRET, { 'x-forwarded-proto': scheme });
      return send(headers, body);
    };
    for (const [operation, members] of [
      ['GenerateDataKey', { KeyId: 'k1', KeySpec: 'AES_256' }],
      ['Encrypt', { KeyId: 'k1', Plaintext: 'eA==' }],
      ['Decrypt', { CiphertextBlob: 'eA==' }],
    ] as const) {
      const refused = await overScheme(operation, members, 'http');
      expect(errorOf(refused)).toEqual([400, 'AccessDeniedException']);
      expect(JSON.parse(refused.body).message).toBe(`${operation} carries plaintext or a plaintext data key, so it is served only over HTTPS.`);
    }
    const served = await overScheme('GenerateDataKey', { KeyId: 'k1', KeySpec: 'AES_256' }, 'https');
    expect([served.status, JSON.parse(served.body).Plaintext]).toEqual([200, Buffer.alloc(32, 1).toString('base64')]);
    expect((await overScheme('ListKeys', {}, 'http')).status).toBe(200);
  });

  it('answers SigV4 failures in the KMS dialect', async () => {
    const unsigned = await send({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' }, '{}');
    expect(errorOf(unsigned)).toEqual([400, 'MissingAuthenticationTokenException']);
    const wrongSecret = await signed('ListKeys', {}, 'wrong');
    expect(errorOf(await send(wrongSecret.headers, wrongSecret.body))).toEqual([400, 'InvalidSignatureException']);
    const tampered = await signed('ListKeys', { Limit: 1 });
    expect(errorOf(await send(tampered.headers, tampered.body.replace('1', '9')))).toEqual([400, 'InvalidSignatureException']);
    const unknownKey = await signed('ListKeys', {});
    const otherKey = { ...unknownKey.headers, authorization: unknownKey.headers.authorization!.replace(ACCESS_KEY_ID, 'AKIAUNKNOWNEXAMPLE01') };
    expect(errorOf(await send(otherKey, unknownKey.body))).toEqual([400, 'UnrecognizedClientException']);
  });

  it('refuses a body the signature does not cover', async () => {
    const unsignedPayload = await signed('ListKeys', {}, SECRET, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(errorOf(await send(unsignedPayload.headers, unsignedPayload.body))).toEqual([400, 'IncompleteSignatureException']);
  });

  it('wipes the copy of the signing key kept for a request signed as if its body came in signed chunks', async () => {
    await call('ListKeys');
    const key = deriveSigningKey(SECRET, new Date().toISOString().slice(0, 10).replaceAll('-', ''), 'us-east-1', 'kms');
    const streaming = await signed('ListKeys', {}, SECRET, {
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '2',
    });
    const from = jest.spyOn(Buffer, 'from');
    try {
      expect(errorOf(await send(streaming.headers, streaming.body))).toEqual([400, 'IncompleteSignatureException']);
      // The signing key cache hands each request a Buffer.from copy of its key.
      const copies = from.mock.calls.flatMap((args, index) => {
        const result = from.mock.results[index]?.value as unknown;
        return Buffer.isBuffer(args[0]) && args[0].equals(key) && Buffer.isBuffer(result) ? [result] : [];
      });
      expect(copies.length).toBeGreaterThan(0);
      expect(copies.every((copy) => copy.every((byte) => byte === 0))).toBe(true);
    } finally {
      from.mockRestore();
    }
  });

  it('refuses a body over the limit and a body that is not JSON', async () => {
    const big = await signed('ListKeys', { Marker: 'x'.repeat(70_000) });
    expect(errorOf(await send(big.headers, big.body))).toEqual([400, 'ValidationException']);
    const { headers } = await signed('ListKeys', {});
    const bad = new SignatureV4({ service: 'kms', region: 'us-east-1', credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }, sha256: NodeSha256 });
    const notJson = await bad.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {}, headers: { host: headers.host!, 'x-amz-target': 'TrentService.ListKeys' }, body: 'not json' });
    expect(errorOf(await send(notJson.headers, 'not json'))).toEqual([400, 'SerializationException']);
  });

  it('hides a server fault behind KMSInternalException (500) and logs its cause', async () => {
    const answer = await call('DescribeKey', { KeyId: 'k1' });
    expect(errorOf(answer)).toEqual([500, 'KMSInternalException']);
    expect(answer.body).not.toContain('hunter2');
    expect(logged.join('')).toContain('DescribeKey');
  });
});

describe('isKmsRequest', () => {
  it.each([
    [{ 'x-amz-target': 'TrentService.Encrypt' }, true],
    [{ 'x-amz-target': 'DynamoDB_20120810.GetItem' }, false],
    [{}, false],
  ])('%j -> %s', (headers, expected) => {
    expect(isKmsRequest(headers)).toBe(expected);
  });
});
