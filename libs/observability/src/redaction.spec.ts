import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
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

  it.each([
    'SecretAccessKey',
    'secret_access_key',
    'AWS_SECRET_ACCESS_KEY',
    'secretKey',
    'secret_key',
    'AWS_SECRET_KEY',
    'apiKey',
    'STRONGROOM_ROOT_KEY',
    'SessionToken',
    'PGPASSWORD',
    'signingKey',
    'secrets',
    'passwords',
    'apiKeys',
    'secretValue',
    'SecretString',
    'SecretBinary',
    'signingKeyHex',
    'privateKeyPem',
    'DB_PASS',
    'MYSQL_PWD',
    'passphrase',
    'passPhrase',
    'pass_phrase',
    'KEY_PASS_PHRASE',
    'DBPASSWD',
    'keypassphrase',
    'plainText',
    'plain_text',
    'PLAIN_TEXT',
    'PlainText',
    'plainTextHex',
    'pass',
    'adminPass',
    'PG_USER_PASS',
    'proxyPass',
    'keystorePass',
    'trustStorePass',
    'ldapBindPass',
    'servicePass',
    'clientPass',
    'httpPass',
    'MY_PASS',
    'APP_PASS',
    'STRONGROOM_PASS',
    'sessionTokens',
    'apiTokens',
    'REFRESH_TOKENS',
    'accesstoken',
    'authtoken',
    'clientsecret',
    'x-authtoken',
    'ACCESSTOKEN',
    'csrftoken',
    'refreshtokenValue',
    'clientsecrets',
    'dbpasswords',
    'proxyauthorization',
    'authorizationHeader',
    'proxyAuthorizationHeader',
  ])(
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
    const fields = {
      accessKeyId: 'AKIA1',
      rootKeyFile: '/etc/strongroom/root-key',
      rootKeyId: 'fp-1',
      keyId: 'k-1',
      key: 'photos/a.jpg',
      tokens: 3,
      continuationToken: 'c-1',
      NextContinuationToken: 'c-2',
      nextToken: 'n-1',
      metadataKey: 'm-1',
      'x-amz-meta-token': 'blue',
      'x-amz-server-side-encryption-customer-key-MD5': 'bWQ1',
      calls: { GenerateDataKey: 5, GenerateDataKeyWithoutPlaintext: 2, GetSigningKey: 7, GetSecretValue: 1 },
      secretName: 'prod/db',
      secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db',
      signatureVersion: 'v4',
      rootKeyFingerprint: 'fp-2',
      bypass: true,
      firstPass: 'done',
      maintenancePass: 3,
      lastPass: 'l-1',
      singlePass: true,
      multiPass: false,
      compilePass: 2,
      renderPass: 'shadow',
      by_pass: false,
      rateLimitTokens: 10,
      ETag: '"0f3a"',
      requestId: 'r-1',
      Bucket: 'photos',
      nextPageTokenValue: 'p-1',
      nexttoken: 'n-2',
      NEXTTOKEN: 'n-3',
      continuationtoken: 'c-3',
      pagetoken: 'p-2',
      nextpagetoken: 'p-3',
      nextcontinuationtoken: 'c-4',
      'x-nexttoken': 'n-4',
      marker: 'photos/a.jpg',
      NextMarker: 'photos/b.jpg',
      ratelimittokens: 4,
      UploadPartHeader: { partNumber: 1 },
      deletedKeys: ['token', 'photos/a.jpg', 'password', 'readme.txt'],
      signedHeaders: ['host', 'authorization', 'x-amz-date'],
      SignedHeaders: ['authorization', 'host', 'x-amz-content-sha256', 'x-amz-date'],
      keys: ['my-api-key', 'photos/a.jpg'],
      objectKeys: ['x-amz-security-token', 'photos/a.jpg', 'Authorization', 'readme.txt'],
      headerNames: ['authorization', 'host'],
    };
    logger.info({ ...fields, nested: { deeper: fields } }, 'call');
    expect(records()[0]).toEqual(expect.objectContaining({ ...fields, nested: { deeper: fields } }));
  });

  it('keeps object keys, bucket names, ports and queries in text: only credentials are scrubbed', () => {
    const { logger, records } = capture();
    const texts = [
      'NoSuchKey: docs/a&signature=final.pdf in bucket photos (request r-1, ETag "0f3a")',
      'https://s3.example:9000?prefix=me@example.com',
      'https://s3.example:9000/photos?prefix=me@example.com',
      'listing https://s3.example/photos?list-type=2&prefix=token=a:b@c',
      'https://s3.example:9000#prefix=me@example.com',
    ];
    logger.info({ texts }, 'texts');
    expect(records()[0]!.texts).toEqual(texts);
  });

  it('redacts the credential of an Authorization header, an SSE-C key and a security token written out in text', () => {
    const { logger, printed, records } = capture();
    const canonicalRequest = [
      'PUT',
      '/photos/a.jpg',
      '',
      'host:s3.example',
      `x-amz-copy-source-server-side-encryption-customer-key:${PLANTED}1`,
      `x-amz-security-token:${PLANTED}2`,
      `x-amz-server-side-encryption-customer-key:${PLANTED}3`,
      'x-amz-server-side-encryption-customer-key-md5:bWQ1',
    ].join('\n');
    logger.info({ canonicalRequest }, `auth failed; Authorization: Bearer ${PLANTED}4`);
    logger.info(
      { dump: `authorization: AWS4-HMAC-SHA256 Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${PLANTED}5` },
      `SigV2 Authorization: AWS AKIA2:${PLANTED}6`,
    );
    logger.error({ err: new Error(`refused ${JSON.stringify({ authorization: `Bearer ${PLANTED}7`, 'x-amz-security-token': `${PLANTED}8` })}`) }, 'refused');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.canonicalRequest).toContain('x-amz-server-side-encryption-customer-key-md5:bWQ1');
    expect(records()[0]!.msg).toBe('auth failed; Authorization: Bearer [redacted]');
    expect(records()[1]!.dump).toContain('Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=[redacted]');
    expect(records()[1]!.msg).toBe('SigV2 Authorization: AWS AKIA2:[redacted]');
    expect((records()[2]!.err as { message: string }).message).toBe('refused {"authorization":"Bearer [redacted]","x-amz-security-token":"[redacted]"}');
  });

  it('redacts credentials of headers written out as lists, as JSON and util.inspect print headersDistinct', () => {
    const { logger, printed } = capture();
    const headersDistinct = {
      authorization: [`AWS4-HMAC-SHA256 Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${PLANTED}1`],
      'x-amz-security-token': [`${PLANTED}2`],
      'x-amz-server-side-encryption-customer-key': [`${PLANTED}3`],
    };
    logger.error({ err: new Error(`refused ${JSON.stringify(headersDistinct)}`) }, 'refused');
    logger.error({ err: new Error(`refused ${inspect(headersDistinct)}`) }, 'refused');
    expect(printed()).not.toContain(PLANTED);
  });

  it('redacts the signature of a SigV4 Authorization value quoted without its header name, and keeps its credential', () => {
    const { logger, printed, records } = capture();
    const value = `AWS4-HMAC-SHA256 Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${PLANTED}`;
    logger.warn({ authHeader: value }, `unexpected value ${value}`);
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.authHeader).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=[redacted]',
    );
  });

  it("redacts the secret headers of Node's raw header list (alternating names and values)", () => {
    const { logger, printed, records } = capture();
    const rawHeaders = ['Host', 'photos.s3.example', 'X-Amz-Server-Side-Encryption-Customer-Key', `${PLANTED}1`, 'x-amz-security-token', `${PLANTED}2`, 'X-Amz-Date', '20260101T000000Z'];
    logger.warn({ request: { method: 'PUT', rawHeaders }, rawTrailers: ['authorization', `${PLANTED}3`] }, 'slow request');
    expect(printed()).not.toContain(PLANTED);
    expect((records()[0]!.request as { rawHeaders: unknown[] }).rawHeaders).toEqual([
      'Host',
      'photos.s3.example',
      'X-Amz-Server-Side-Encryption-Customer-Key',
      '[redacted]',
      'x-amz-security-token',
      '[redacted]',
      'X-Amz-Date',
      '20260101T000000Z',
    ]);
  });

  it('redacts the values of secret headers named without a hyphen in raw header lists (Token, apikey, Authorization)', () => {
    const { logger, printed, records } = capture();
    const rawHeaders = ['Token', `${PLANTED}1`, 'Host', 'photos.s3.example', 'apikey', `${PLANTED}2`, 'AUTHORIZATION', `Bearer ${PLANTED}3`];
    logger.warn({ request: { rawHeaders }, rawTrailers: ['x-amz-server-side-encryption-customer-key', `${PLANTED}4`] }, 'slow request');
    logger.warn('raw headers %o', ['Host', 'photos.s3.example', 'x-amz-security-token', `${PLANTED}5`]);
    expect(printed()).not.toContain(PLANTED);
    expect((records()[0]!.request as { rawHeaders: unknown[] }).rawHeaders).toEqual(['Token', '[redacted]', 'Host', 'photos.s3.example', 'apikey', '[redacted]', 'AUTHORIZATION', '[redacted]']);
    expect(records()[1]!.msg).toBe('raw headers ["Host","photos.s3.example","x-amz-security-token","[redacted]"]');
  });

  it('redacts the values of secret headers whose names run their words together (accesstoken, authtoken, clientsecret, x-authtoken), and keeps page tokens', () => {
    const { logger, printed, records } = capture();
    const secretNames = ['accesstoken', 'authtoken', 'clientsecret', 'X-AuthToken'];
    const pageTokens = ['x-nexttoken', 'n-1', 'pagetoken', 'p-1'];
    const rawHeaders = [...secretNames.flatMap((name, index) => [name, `${PLANTED}${index}`]), ...pageTokens];
    logger.warn({ request: { rawHeaders } }, 'slow request');
    logger.warn('raw headers %o', ['x-authtoken', `${PLANTED}5`]);
    expect(printed()).not.toContain(PLANTED);
    expect((records()[0]!.request as { rawHeaders: unknown[] }).rawHeaders).toEqual([...secretNames.flatMap((name) => [name, '[redacted]']), ...pageTokens]);
  });

  it('redacts an Authorization value whatever the name it is logged under, keeping its scheme and access key id', () => {
    const { logger, printed, records } = capture();
    const basic = Buffer.from(`alice:${PLANTED}2`).toString('base64');
    logger.warn(
      {
        authHeader: `Bearer ${PLANTED}1`,
        basicHeader: `Basic ${basic}`,
        sigV2Header: `AWS AKIA2:${PLANTED}3`,
        lowerCase: `bearer ${PLANTED}4`,
        list: [`Bearer ${PLANTED}5`],
      },
      'unexpected value',
    );
    logger.warn('unexpected value %s', `Basic ${basic}`);
    logger.warn({ authorizationHeader: `Token ${PLANTED}6`, proxyAuthorizationHeader: `Digest response="${PLANTED}7"` }, 'by name');
    expect(printed()).not.toContain(PLANTED);
    expect(printed()).not.toContain(basic);
    expect(records()[0]).toEqual(
      expect.objectContaining({
        authHeader: 'Bearer [redacted]',
        basicHeader: 'Basic [redacted]',
        sigV2Header: 'AWS AKIA2:[redacted]',
        lowerCase: 'bearer [redacted]',
        list: ['Bearer [redacted]'],
      }),
    );
    expect(records()[1]!.msg).toBe('unexpected value Basic [redacted]');
  });

  it('keeps text that names a scheme without a credential, or starts with AWS without a signature', () => {
    const { logger, records } = capture();
    const fields = { scheme: 'Bearer', schemes: ['Basic', 'AWS4-HMAC-SHA256'], provider: 'AWS S3 in us-east-1', note: 'missing Bearer token' };
    logger.info(fields, 'kept');
    expect(records()[0]).toEqual(expect.objectContaining(fields));
  });

  it('keeps a boolean or null under a secret name, which holds no secret, and redacts a number, which may be a PIN or a password', () => {
    const { logger, printed, records } = capture();
    logger.info({ pass: true, token: false, password: null, settings: { apiKey: true }, entries: [['authorization', false]] }, 'flags');
    logger.info({ password: 123456, pin: { secret: 4321 } }, 'numbers');
    expect(records()[0]).toEqual(expect.objectContaining({ pass: true, token: false, password: null, settings: { apiKey: true }, entries: [['authorization', false]] }));
    expect(records()[1]).toEqual(expect.objectContaining({ password: '[redacted]', pin: { secret: '[redacted]' } }));
    expect(printed()).not.toContain('123456');
  });

  it('keeps redacting what may be a [name, value] pair or a header list, even when it is a list of words or of header names', () => {
    const { logger, records } = capture();
    logger.info({ words: ['token', 'blue'] }, 'a pair or two words');
    logger.info('signed %o', ['authorization', 'host', 'x-amz-date', 'x-amz-security-token']);
    logger.info({ tokenNames: ['token', 'blue'], signedHeaders: ['authorization', 'host', 'x-amz-date', 'x-amz-security-token'] }, 'named lists');
    expect(records()[0]!.words).toEqual(['token', '[redacted]']);
    expect(records()[1]!.msg).toBe('signed ["authorization","[redacted]","x-amz-date","x-amz-security-token"]');
    expect(records()[2]).toEqual(
      expect.objectContaining({ tokenNames: ['token', 'blue'], signedHeaders: ['authorization', 'host', 'x-amz-date', 'x-amz-security-token'] }),
    );
  });

  it('redacts the secret headers of a flat header list under a name that speaks of headers, and of [name, value] pairs', () => {
    const { logger, printed, records } = capture();
    const headerList = ['Host', 'photos.s3.example', 'Authorization', `Bearer ${PLANTED}1`, 'X-Amz-Date', '20260101T000000Z'];
    const entries = [
      ['x-amz-security-token', `${PLANTED}2`],
      ['x-request-id', 'r-1'],
    ];
    logger.warn({ request: { headerList, headers: entries }, trailers: ['X-Amz-Server-Side-Encryption-Customer-Key', `${PLANTED}3`] }, 'slow request');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.request).toEqual({
      headerList: ['Host', 'photos.s3.example', 'Authorization', '[redacted]', 'X-Amz-Date', '20260101T000000Z'],
      headers: [
        ['x-amz-security-token', '[redacted]'],
        ['x-request-id', 'r-1'],
      ],
    });
  });

  it('redacts the secret headers of a header list or [name, value] pair whatever the name it is logged under', () => {
    const { logger, printed, records } = capture();
    const authorization = `AWS4-HMAC-SHA256 Credential=AKIA1/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${PLANTED}1`;
    logger.warn({ raw: ['Host', 'h', 'Authorization', authorization] }, 'raw');
    logger.warn({ entries: [['x-amz-security-token', `${PLANTED}2`]] }, 'entries');
    logger.warn({ req: { raw: ['x-amz-server-side-encryption-customer-key', `${PLANTED}3`] } }, 'request');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.raw).toEqual(['Host', 'h', 'Authorization', '[redacted]']);
    expect(records()[1]!.entries).toEqual([['x-amz-security-token', '[redacted]']]);
    expect(records()[2]!.req).toEqual({ raw: ['x-amz-server-side-encryption-customer-key', '[redacted]'] });
  });

  it('redacts secrets printed through the placeholders of a message (%o, %O, %j, %s)', () => {
    const { logger, printed, records } = capture();
    logger.info('settings %o', { password: `${PLANTED}1`, bucket: 'photos' });
    logger.info({ requestId: 'r-1' }, 'settings %O then %j', { nested: { secretAccessKey: `${PLANTED}2` } }, { token: `${PLANTED}3` });
    logger.warn('connecting to %s', `postgres://strongroom:${PLANTED}4@db.internal/strongroom`);
    logger.error('failed %o', Object.assign(new Error('refused'), { signingKey: `${PLANTED}5` }));
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.msg).toBe('settings {"password":"[redacted]","bucket":"photos"}');
    expect(records()[1]).toEqual(expect.objectContaining({ requestId: 'r-1' }));
  });

  it("prints an error's redacted text through %s, and its fields alone through %o", () => {
    const { logger, printed, records } = capture();
    logger.error('failed: %s', new Error('boom'));
    logger.error('failed: %s', new TypeError(`cannot reach postgres://strongroom:${PLANTED}@db.internal/strongroom`));
    logger.error('failed: %o', Object.assign(new Error('boom'), { code: 'E1' }));
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.msg).toBe('failed: Error: boom');
    expect(records()[1]!.msg).toBe('failed: TypeError: cannot reach postgres://strongroom:[redacted]@db.internal/strongroom');
    expect(records()[2]!.msg).toContain('"code":"E1"');
    expect(records()[2]!.msg).not.toContain('toString');
  });

  it("prints the redacted text of an error made in another realm through %s", () => {
    const { logger, printed, records } = capture();
    logger.error('failed: %s', runInNewContext(`new Error("cannot reach postgres://strongroom:${PLANTED}@db.internal/strongroom")`));
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.msg).toBe('failed: Error: cannot reach postgres://strongroom:[redacted]@db.internal/strongroom');
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
    logger.info({ reasons: [`postgres://strongroom:1234#${PLANTED}@db.internal/strongroom`, `redis://:123456?${PLANTED}@cache.internal`, 'postgres://strongroom:1234?@db.internal'] }, 'retrying');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[2]!.reasons).toEqual(['postgres://strongroom:[redacted]@db.internal/strongroom', 'redis://:[redacted]@cache.internal', 'postgres://strongroom:[redacted]@db.internal']);
    logger.info({ endpoint: 'https://kms.internal:7201/v1', object: 'https://s3.example:443/photos/me@example.com' }, 'no user info');
    expect(records()[3]).toEqual(expect.objectContaining({ endpoint: 'https://kms.internal:7201/v1', object: 'https://s3.example:443/photos/me@example.com' }));
  });

  it.each([
    ['word starts', 'a.'.repeat(64_000)],
    ['URL user infos', 'a://b:'.repeat(21_000)],
    ['ports', 'a://b:1'.repeat(18_000)],
    ['ports and queries', 'a://b:1?c'.repeat(14_000)],
    ['ports and queries without a path', `a://b:1?${'c'.repeat(128_000)}`],
    ['header lists', 'x'.repeat(128_000)],
    ['credential names', 'x-amz-signature x-amz-security-token '.repeat(3_500)],
    ['Authorization headers', 'authorization:'.repeat(9_000)],
    ['Authorization separators', `authorization${' '.repeat(128_000)}`],
    ['SigV4 credentials', `${'Credential='.repeat(11_600)}Signature=`],
    ['SigV4 signed-header lists', `${'Credential=a, SignedHeaders='.repeat(4_600)}Signature=`],
    ['Authorization values', `Bearer ${'a '.repeat(64_000)}`],
    ['SigV2 values', `AWS ${'a'.repeat(128_000)}`],
  ])('scrubs 128 KB of repeated %s in time linear in its length', (_name, text) => {
    const { logger } = capture();
    const started = performance.now();
    logger.info({ reason: text }, text);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('scrubs a long text in time linear in its length (a URL scheme is short), so logging one cannot stall the event loop', () => {
    const { logger, printed } = capture();
    const dotted = `${'a.'.repeat(64_000)}@ postgres://strongroom:${PLANTED}@db.internal/strongroom`;
    const started = performance.now();
    logger.info({ reason: dotted }, 'long text');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(printed()).not.toContain(PLANTED);
  });

  it("prints no service token from the map of a gRPC call's metadata", () => {
    const { logger, printed, records } = capture();
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${PLANTED}`);
    metadata.set('x-request-id', 'r-1');
    logger.warn({ call: { method: '/strongroom.kms.v1.KeyManagementService/Decrypt', metadata: metadata.getMap() } }, 'slow call');
    expect(printed()).not.toContain(PLANTED);
    expect(records()[0]!.call).toEqual({ method: '/strongroom.kms.v1.KeyManagementService/Decrypt', metadata: { authorization: '[redacted]', 'x-request-id': 'r-1' } });
  });

  it('bounds the work on a huge record and still redacts what it prints', () => {
    const { logger, printed } = capture();
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`field${index}`, { password: PLANTED }]));
    logger.info({ wide }, 'huge');
    expect(printed()).not.toContain(PLANTED);
    expect(printed().length).toBeLessThan(200_000);
  });
});
