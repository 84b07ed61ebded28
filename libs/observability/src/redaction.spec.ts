import { Metadata } from '@grpc/grpc-js';
import type { DestinationStream } from 'pino';
import { createLogger } from './logger';

/** A logger writing into an array, and the printed text. */
function capture() {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  const logger = createLogger({ name: 'test', level: 'debug', destination });
  return { logger, printed: () => lines.join(''), records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Every planted secret holds this, so that one check finds any of them. */
const PLANTED = 'S3CR3T';

describe('log redaction', () => {
  it('redacts the secret request headers the gateway sees, at any depth, and keeps the others', () => {
    const { logger, printed, records } = capture();
    const headers = {
      host: 'photos.s3.example',
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${PLANTED}1`,
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': `${PLANTED}2`,
      'x-amz-server-side-encryption-customer-key-MD5': 'bWQ1',
      'X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key': `${PLANTED}3`,
      'x-amz-security-token': `${PLANTED}4`,
    };
    logger.warn({ request: { method: 'PUT', headers } }, 'slow request');
    logger.error({ err: Object.assign(new Error('failed'), { request: { headers } }) }, 'failed');
    expect(printed()).not.toContain(PLANTED);
    const logged = (records()[0]!.request as { headers: Record<string, unknown> }).headers;
    expect(logged).toEqual(
      expect.objectContaining({ host: 'photos.s3.example', 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key-MD5': 'bWQ1' }),
    );
    expect(logged.Authorization).toBe('[redacted]');
  });

  it.each(['SecretAccessKey', 'secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'STRONGROOM_ROOT_KEY', 'SessionToken', 'PGPASSWORD', 'signingKey'])(
    'redacts %s whatever its case and separators, at the top level and deep inside other fields',
    (name) => {
      const { logger, printed, records } = capture();
      logger.info({ [name]: PLANTED, outer: { inner: { list: [{ [name]: PLANTED }] } } }, 'call');
      logger.child({ service: 'kms' }).child({ settings: { nested: { [name]: PLANTED } } }).info('bound');
      expect(printed()).not.toContain(PLANTED);
      expect(records()[1]).toEqual(expect.objectContaining({ service: 'kms', settings: { nested: { [name]: '[redacted]' } } }));
    },
  );

  it('redacts bindings set on a child later (setBindings), as those given to child()', () => {
    const { logger, printed, records } = capture();
    const child = logger.child({ service: 'gateway' });
    child.setBindings({ requestId: 'r-1', settings: { nested: { password: PLANTED } } });
    child.info('bound later');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]).toEqual(expect.objectContaining({ requestId: 'r-1', settings: { nested: { password: '[redacted]' } } }));
  });

  it('keeps harmless fields whose names only resemble secret ones', () => {
    const { logger, records } = capture();
    const fields = { accessKeyId: 'AKIA1', rootKeyFile: '/etc/strongroom/root-key', rootKeyId: 'fp-1', keyId: 'k-1', key: 'photos/a.jpg', tokens: 3, continuationToken: 'c-1' };
    logger.info({ ...fields, nested: { deeper: fields } }, 'call');
    expect(records()[0]).toEqual(expect.objectContaining({ ...fields, nested: { deeper: fields } }));
  });

  it('redacts the signature and security token of a presigned URL, in a field, an error message and the message', () => {
    const { logger, printed, records } = capture();
    const url =
      'https://s3.example/photos/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA1%2F20260101%2Fus-east-1%2Fs3%2Faws4_request' +
      `&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${PLANTED}1&X-Amz-Signature=${PLANTED}2`;
    logger.info({ request: { url } }, 'presigned');
    logger.error({ err: new Error(`could not fetch ${url}`) }, `could not fetch ${url}`);
    expect(printed()).not.toContain(PLANTED);
    expect((records()[0]!.request as { url: string }).url).toContain('X-Amz-Credential=AKIA1%2F20260101');
  });

  it('redacts the password of a database URL in a configuration logged at start, and keeps the root key path', () => {
    const { logger, printed, records } = capture();
    logger.info({ config: { databaseUrl: `postgres://strongroom:${PLANTED}@db.internal:5432/strongroom`, rootKeyFile: '/run/secrets/root-key' } }, 'starting');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.config).toEqual({ databaseUrl: 'postgres://strongroom:[redacted]@db.internal:5432/strongroom', rootKeyFile: '/run/secrets/root-key' });
    logger.info({ reason: `cannot connect to postgres://strongroom:p#${PLANTED}@ss@db.internal/strongroom` }, 'retrying');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[1]!.reason).toBe('cannot connect to postgres://strongroom:[redacted]@db.internal/strongroom');
    logger.info({ endpoint: 'https://kms.internal:7201/v1', object: 'https://s3.example:443/photos/me@example.com' }, 'no user info');
    expect(records()[2]).toEqual(expect.objectContaining({ endpoint: 'https://kms.internal:7201/v1', object: 'https://s3.example:443/photos/me@example.com' }));
  });

  it('scrubs a long text in time linear in its length (a URL scheme is short), so logging one cannot stall the event loop', () => {
    const { logger, printed } = capture();
    const dotted = `${'a.'.repeat(64_000)}@ postgres://strongroom:${PLANTED}@db.internal/strongroom`;
    const started = performance.now();
    logger.info({ reason: dotted }, 'long text');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(printed()).not.toContain(PLANTED);
  });

  it('prints no service token from gRPC metadata', () => {
    const { logger, printed } = capture();
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${PLANTED}`);
    logger.warn({ call: { method: '/strongroom.kms.v1.KeyManagementService/Decrypt', metadata, headers: metadata.getMap() } }, 'slow call');
    expect(printed()).not.toContain(PLANTED);
  });

  it('bounds the work on a huge record and still redacts what it prints', () => {
    const { logger, printed } = capture();
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`field${index}`, { password: PLANTED }]));
    logger.info({ wide }, 'huge');
    expect(printed()).not.toContain(PLANTED);
    expect(printed().length).toBeLessThan(200_000);
  });
});
