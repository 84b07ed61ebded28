import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketPolicyCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAccelerateConfigurationCommand,
  GetBucketAnalyticsConfigurationCommand,
  GetBucketCorsCommand,
  GetBucketIntelligentTieringConfigurationCommand,
  GetBucketInventoryConfigurationCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketMetricsConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketReplicationCommand,
  GetBucketRequestPaymentCommand,
  GetBucketWebsiteCommand,
  GetObjectLockConfigurationCommand,
  ListBucketAnalyticsConfigurationsCommand,
  ListBucketIntelligentTieringConfigurationsCommand,
  ListBucketInventoryConfigurationsCommand,
  ListBucketMetricsConfigurationsCommand,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  PutBucketRequestPaymentCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketPolicy, codeOf, failure, OTHER, type S3Harness, startS3Harness } from './s3-harness';

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A read of a configuration Strongroom does not keep, and S3's answer for a bucket without that configuration. */
interface UnkeptRead {
  readonly query: string;
  readonly action: string;
  readonly send: (client: S3Client, Bucket: string, ExpectedBucketOwner?: string) => Promise<object>;
  /** A 404: the code and message, with the bucket named. */
  readonly missing?: readonly [code: string, message: string];
  /** A 200: the SDK's output and the XML document (after the declaration). */
  readonly present?: { readonly output: object; readonly xml: string };
}

const READS: readonly UnkeptRead[] = [
  {
    query: 'cors',
    action: 's3:GetBucketCORS',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketCorsCommand({ Bucket, ExpectedBucketOwner })),
    missing: ['NoSuchCORSConfiguration', 'The CORS configuration does not exist'],
  },
  {
    query: 'website',
    action: 's3:GetBucketWebsite',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketWebsiteCommand({ Bucket, ExpectedBucketOwner })),
    missing: ['NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'],
  },
  {
    query: 'lifecycle',
    action: 's3:GetLifecycleConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket, ExpectedBucketOwner })),
    missing: ['NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'],
  },
  {
    query: 'replication',
    action: 's3:GetReplicationConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketReplicationCommand({ Bucket, ExpectedBucketOwner })),
    missing: ['ReplicationConfigurationNotFoundError', 'The replication configuration was not found'],
  },
  {
    query: 'object-lock',
    action: 's3:GetBucketObjectLockConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetObjectLockConfigurationCommand({ Bucket, ExpectedBucketOwner })),
    missing: ['ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'],
  },
  {
    query: 'requestPayment',
    action: 's3:GetBucketRequestPayment',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketRequestPaymentCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: { Payer: 'BucketOwner' }, xml: `<RequestPaymentConfiguration xmlns="${XMLNS}"><Payer>BucketOwner</Payer></RequestPaymentConfiguration>` },
  },
  {
    query: 'accelerate',
    action: 's3:GetAccelerateConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketAccelerateConfigurationCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: {}, xml: `<AccelerateConfiguration xmlns="${XMLNS}"></AccelerateConfiguration>` },
  },
  {
    query: 'logging',
    action: 's3:GetBucketLogging',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketLoggingCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: {}, xml: `<BucketLoggingStatus xmlns="${XMLNS}"></BucketLoggingStatus>` },
  },
  {
    query: 'notification',
    action: 's3:GetBucketNotification',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new GetBucketNotificationConfigurationCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: {}, xml: `<NotificationConfiguration xmlns="${XMLNS}"></NotificationConfiguration>` },
  },
  {
    query: 'inventory',
    action: 's3:GetInventoryConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new ListBucketInventoryConfigurationsCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: { IsTruncated: false }, xml: `<ListInventoryConfigurationsResult xmlns="${XMLNS}"><IsTruncated>false</IsTruncated></ListInventoryConfigurationsResult>` },
  },
  {
    query: 'analytics',
    action: 's3:GetAnalyticsConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new ListBucketAnalyticsConfigurationsCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: { IsTruncated: false }, xml: `<ListBucketAnalyticsConfigurationResult xmlns="${XMLNS}"><IsTruncated>false</IsTruncated></ListBucketAnalyticsConfigurationResult>` },
  },
  {
    query: 'metrics',
    action: 's3:GetMetricsConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new ListBucketMetricsConfigurationsCommand({ Bucket, ExpectedBucketOwner })),
    present: { output: { IsTruncated: false }, xml: `<ListMetricsConfigurationsResult xmlns="${XMLNS}"><IsTruncated>false</IsTruncated></ListMetricsConfigurationsResult>` },
  },
  {
    query: 'intelligent-tiering',
    action: 's3:GetIntelligentTieringConfiguration',
    send: (client, Bucket, ExpectedBucketOwner) => client.send(new ListBucketIntelligentTieringConfigurationsCommand({ Bucket, ExpectedBucketOwner })),
    present: {
      output: { IsTruncated: false },
      xml: `<ListBucketIntelligentTieringConfigurationsOutput xmlns="${XMLNS}"><IsTruncated>false</IsTruncated></ListBucketIntelligentTieringConfigurationsOutput>`,
    },
  },
];

const BUCKET = 'unkept';
const PUBLIC_BUCKET = 'unkept-public';

describe('GETs of bucket configurations Strongroom does not keep answer as S3 answers a bucket without them', () => {
  let harness: S3Harness;
  let owner: S3Client;
  let other: S3Client;

  /** What `client` gets for `read` on `bucket`: S3's "none" for that configuration, or the error code and status. */
  async function answer(read: UnkeptRead, client: S3Client, bucket = BUCKET): Promise<unknown> {
    try {
      const output: Record<string, unknown> = { ...(await read.send(client, bucket)) };
      delete output.$metadata;
      return output;
    } catch (error) {
      if (error instanceof S3ServiceException) return [error.name, error.$metadata.httpStatusCode];
      throw error;
    }
  }

  function none(read: UnkeptRead): unknown {
    return read.missing === undefined ? read.present!.output : [read.missing[0], 404];
  }

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    other = harness.client(harness.other);
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new CreateBucketCommand({ Bucket: PUBLIC_BUCKET }));
  }, 60_000);
  afterAll(() => harness.close());

  test.each(READS.map((read): [string, UnkeptRead] => [read.query, read]))('?%s: the owner gets the answer for a bucket without it, on the wire as S3 sends it', async (_, read) => {
    expect(await answer(read, owner)).toEqual(none(read));
    const raw = await harness.raw({ method: 'GET', path: `/${BUCKET}`, query: { [read.query]: '' } });
    if (read.missing !== undefined) {
      expect([raw.status, codeOf(raw.body)]).toEqual([404, read.missing[0]]);
      expect(raw.body).toContain(`<Message>${read.missing[1]}</Message><BucketName>${BUCKET}</BucketName>`);
    } else {
      expect(raw.status).toBe(200);
      expect(raw.headers['content-type']).toBe('application/xml');
      expect(raw.body).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n${read.present!.xml}`);
    }
    expect(await failure(read.send(owner, BUCKET, OTHER))).toEqual(['AccessDenied', 403]);
  });

  test.each(READS.map((read): [string, UnkeptRead] => [read.query, read]))('?%s: a missing bucket is NoSuchBucket to anyone', async (_, read) => {
    for (const client of [owner, other]) expect(await failure(read.send(client, 'no-such-bucket'))).toEqual(['NoSuchBucket', 404]);
    const anonymous = await harness.raw({ method: 'GET', path: '/no-such-bucket', query: { [read.query]: '' }, account: null });
    expect([anonymous.status, codeOf(anonymous.body)]).toEqual([404, 'NoSuchBucket']);
  });

  test.each(READS.map((read, index): [string, UnkeptRead, UnkeptRead] => [read.action, read, READS[(index + 1) % READS.length]!]))(
    'another account is AccessDenied without a bucket policy; one granting just %s opens that read alone',
    async (action, read, next) => {
      expect(await failure(read.send(other, BUCKET))).toEqual(['AccessDenied', 403]);
      await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: bucketPolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: action, Resource: `arn:aws:s3:::${BUCKET}` }) }));
      try {
        expect(await answer(read, other)).toEqual(none(read));
        expect(await failure(next.send(other, BUCKET))).toEqual(['AccessDenied', 403]);
      } finally {
        await owner.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
      }
    },
  );

  test('an anonymous caller is AccessDenied unless a public bucket policy grants the read', async () => {
    const anonymous = (query: string) => harness.raw({ method: 'GET', path: `/${PUBLIC_BUCKET}`, query: { [query]: '' }, account: null });
    const unpublished = await anonymous('requestPayment');
    expect([unpublished.status, codeOf(unpublished.body)]).toEqual([403, 'AccessDenied']);
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: PUBLIC_BUCKET }));
    const publicReads = { Effect: 'Allow', Principal: '*', Action: ['s3:GetBucketRequestPayment', 's3:GetBucketCORS'], Resource: `arn:aws:s3:::${PUBLIC_BUCKET}` };
    await owner.send(new PutBucketPolicyCommand({ Bucket: PUBLIC_BUCKET, Policy: bucketPolicy(publicReads) }));
    const payment = await anonymous('requestPayment');
    expect([payment.status, payment.body]).toEqual([200, `<?xml version="1.0" encoding="UTF-8"?>\n${READS.find((read) => read.query === 'requestPayment')!.present!.xml}`]);
    const cors = await anonymous('cors');
    expect([cors.status, codeOf(cors.body)]).toEqual([404, 'NoSuchCORSConfiguration']);
    const website = await anonymous('website');
    expect([website.status, codeOf(website.body)]).toEqual([403, 'AccessDenied']);
  });

  test('one inventory, analytics, metrics or Intelligent-Tiering configuration by id is NoSuchConfiguration; a listing echoes its continuation token', async () => {
    const Id = 'report';
    const byId = [
      owner.send(new GetBucketInventoryConfigurationCommand({ Bucket: BUCKET, Id })),
      owner.send(new GetBucketAnalyticsConfigurationCommand({ Bucket: BUCKET, Id })),
      owner.send(new GetBucketMetricsConfigurationCommand({ Bucket: BUCKET, Id })),
      owner.send(new GetBucketIntelligentTieringConfigurationCommand({ Bucket: BUCKET, Id })),
    ];
    for (const read of byId) expect(await failure(read)).toEqual(['NoSuchConfiguration', 404]);
    const raw = await harness.raw({ method: 'GET', path: `/${BUCKET}`, query: { inventory: '', id: Id } });
    expect([raw.status, codeOf(raw.body)]).toEqual([404, 'NoSuchConfiguration']);
    expect(raw.body).toContain('<Message>The specified configuration does not exist.</Message>');
    expect(await failure(owner.send(new GetBucketInventoryConfigurationCommand({ Bucket: 'no-such-bucket', Id })))).toEqual(['NoSuchBucket', 404]);
    expect(await failure(other.send(new GetBucketMetricsConfigurationCommand({ Bucket: BUCKET, Id })))).toEqual(['AccessDenied', 403]);

    const listed = await owner.send(new ListBucketMetricsConfigurationsCommand({ Bucket: BUCKET, ContinuationToken: 'earlier-page' }));
    expect([listed.ContinuationToken, listed.IsTruncated, listed.MetricsConfigurationList]).toEqual(['earlier-page', false, undefined]);
  });

  test('writing these configurations stays NotImplemented', async () => {
    const rules = { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] };
    expect(await failure(owner.send(new PutBucketCorsCommand({ Bucket: BUCKET, CORSConfiguration: rules })))).toEqual(['NotImplemented', 501]);
    expect(await failure(owner.send(new DeleteBucketCorsCommand({ Bucket: BUCKET })))).toEqual(['NotImplemented', 501]);
    expect(await failure(owner.send(new PutBucketRequestPaymentCommand({ Bucket: BUCKET, RequestPaymentConfiguration: { Payer: 'Requester' } })))).toEqual(['NotImplemented', 501]);
    const logging = await harness.raw({ method: 'PUT', path: `/${BUCKET}`, query: { logging: '' }, body: `<BucketLoggingStatus xmlns="${XMLNS}"/>` });
    expect([logging.status, codeOf(logging.body)]).toEqual([501, 'NotImplemented']);
    expect(await answer(READS[0]!, owner)).toEqual(['NoSuchCORSConfiguration', 404]);
  });
});
