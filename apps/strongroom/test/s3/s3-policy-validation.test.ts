import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketPolicyCommand,
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetObjectAclCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { INVALID_PRINCIPAL, NOT_PRINCIPAL_WITH_ALLOW } from '@strongroom/iam-policy';
import { codeOf, startS3Harness, type S3Harness } from './s3-harness';

const BUCKET = 'checked';

function policy(statement: object): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

/** The `<name>` element of an S3 XML error body. */
function elementOf(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

/** Asserts S3's answer to a malformed ACL body: 400 MalformedACLError with its one message. */
function expectMalformedAcl(response: { status: number; body: string }): void {
  expect([response.status, codeOf(response.body), elementOf(response.body, 'Message')]).toEqual([
    400,
    'MalformedACLError',
    'The XML you provided was not well-formed or did not validate against our published schema',
  ]);
}

describe('PutBucketPolicy and ACL validation answer as S3 does', () => {
  let harness: S3Harness;
  let owner: S3Client;
  let grant: (overrides: object) => object;
  let principal: () => object;

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    principal = () => ({ AWS: `arn:aws:iam::${harness.other.accountId}:root` });
    grant = (overrides) => ({ Effect: 'Allow', Principal: principal(), Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, ...overrides });
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET, ObjectOwnership: 'ObjectWriter' }));
  }, 60_000);
  afterAll(() => harness.close());

  test.each([
    ['Resource "*"', { Resource: '*' }, 'Policy has invalid resource'],
    ['objects of another bucket', { Resource: 'arn:aws:s3:::other/*' }, 'Policy has invalid resource'],
    ['another bucket', { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::otherbucket' }, 'Policy has invalid resource'],
    ['an unknown action', { Action: 's3:Bogus' }, 'Policy has invalid action'],
    ['an object action on the bucket ARN only', { Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}` }, 'Action does not apply to any resource(s) in statement'],
    ['a bucket action on object ARNs only', { Action: 's3:ListBucket' }, 'Action does not apply to any resource(s) in statement'],
  ])('refuses %s with 400 MalformedPolicy and keeps the policy in place', async (_name, overrides, message) => {
    const kept = policy(grant({}));
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: kept }));
    await expect(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: policy(grant(overrides)) }))).rejects.toMatchObject({
      name: 'MalformedPolicy',
      message,
      $metadata: { httpStatusCode: 400 },
    });
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(kept);
  });

  test.each([
    ['a document without Statement (LocalStack, AWS-validated)', () => '{}', 'Missing required field Statement'],
    ['a Version other than 2012-10-17 and 2008-10-17', () => JSON.stringify({ Version: '2012-10-18', Statement: [grant({})] }), 'The policy must contain a valid version string'],
    ['a statement without Principal or NotPrincipal', () => policy(grant({ Principal: undefined })), 'Missing required field Principal'],
    ['a statement without Resource or NotResource', () => policy(grant({ Resource: undefined })), 'Statement is missing required element'],
  ])("refuses %s with 400 MalformedPolicy in S3's words and keeps the policy in place", async (_name, document, message) => {
    const kept = policy(grant({}));
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: kept }));
    await expect(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: document() }))).rejects.toMatchObject({
      name: 'MalformedPolicy',
      message,
      $metadata: { httpStatusCode: 400 },
    });
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(kept);
  });

  test.each([
    ['s3:Get* on objects', { Action: 's3:Get*' }],
    ['s3:* on objects', { Action: 's3:*' }],
    ['* on the bucket', { Action: '*', Resource: `arn:aws:s3:::${BUCKET}` }],
    ['bucket and object actions on both ARNs', { Action: ['s3:ListBucket', 's3:GetObject'], Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }],
    ['a Date value of the W3C year-and-month form (the IAM reference takes the W3C ISO 8601 forms)', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01' } } }],
    ['a policy variable as a Bool value (the IAM reference: "You can use a policy variable with the Boolean condition operator")', { Condition: { Bool: { 'aws:SecureTransport': '${aws:ViaAWSService}' } } }],
    ['an IPv4-mapped IPv6 range (standard CIDR, as the IAM reference asks)', { Condition: { IpAddress: { 'aws:SourceIp': '::ffff:192.0.2.0/120' } } }],
  ])('accepts %s', async (_name, overrides) => {
    const document = policy(grant(overrides));
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: document }));
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(document);
  });

  test.each([
    ['NotPrincipal in an Allow statement (the IAM reference: "NotPrincipal must be used with Deny")', () => ({ Principal: undefined, NotPrincipal: principal() }), `Statement[0].NotPrincipal: ${NOT_PRINCIPAL_WITH_ALLOW}`],
    [
      'a Date condition on 30 February, which is no ISO 8601 date',
      () => ({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-02-30T00:00:00Z' } } }),
      'Statement[0].Condition.DateGreaterThan.aws:CurrentTime: "2026-02-30T00:00:00Z" is not a day of the calendar',
    ],
  ])('refuses %s with 400 MalformedPolicy and keeps the policy in place', async (_name, overrides, message) => {
    const kept = policy(grant({}));
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: kept }));
    await expect(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: policy(grant(overrides())) }))).rejects.toMatchObject({
      name: 'MalformedPolicy',
      message,
      $metadata: { httpStatusCode: 400 },
    });
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(kept);
  });

  test.each([
    ['an account that does not exist', () => ({ AWS: '999999999999' })],
    ['a user the owner account does not have', () => ({ AWS: `arn:aws:iam::${harness.owner.accountId}:user/mallory` })],
    ['a user of an account that does not exist', () => ({ AWS: 'arn:aws:iam::999999999999:user/alice' })],
  ])('refuses a Principal naming %s with 400 MalformedPolicy "Invalid principal in policy" and keeps the policy in place', async (_name, named) => {
    const kept = policy(grant({}));
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: kept }));
    await expect(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: policy(grant({ Principal: named() })) }))).rejects.toMatchObject({
      name: 'MalformedPolicy',
      message: INVALID_PRINCIPAL,
      $metadata: { httpStatusCode: 400 },
    });
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(kept);
  });

  test('takes a Principal naming a user the account has', async () => {
    await harness.backend.policy.createUser({ principal: { accountId: harness.owner.accountId, arn: '' }, userName: 'alice' });
    const document = policy(grant({ Principal: { AWS: `arn:aws:iam::${harness.owner.accountId}:user/alice` } }));
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: document }));
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(document);
  });

  test('takes NotPrincipal in a Deny statement and a Sid used twice, as S3 does', async () => {
    const deny = grant({ Sid: 'Twice', Effect: 'Deny', Principal: undefined, NotPrincipal: principal() });
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [grant({ Sid: 'Twice' }), deny] });
    await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: document }));
    expect((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(document);
    await owner.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
  });

  test('a grant to an id that is not a canonical user id is InvalidArgument "Invalid id", in XML and in a header', async () => {
    const inXml = new PutBucketAclCommand({
      Bucket: BUCKET,
      AccessControlPolicy: { Owner: { ID: harness.owner.canonicalUserId }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'abcdef' }, Permission: 'READ' }] },
    });
    await expect(owner.send(inXml)).rejects.toMatchObject({ name: 'InvalidArgument', message: 'Invalid id', ArgumentName: 'CanonicalUser/ID', ArgumentValue: 'abcdef', $metadata: { httpStatusCode: 400 } });
    await expect(owner.send(new PutBucketAclCommand({ Bucket: BUCKET, GrantRead: 'id="abcdef"' }))).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: 'Invalid id',
      ArgumentName: 'id',
      ArgumentValue: 'abcdef',
    });
    await expect(owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'x', GrantRead: 'id="abcdef"' }))).rejects.toMatchObject({ name: 'InvalidArgument', ArgumentName: 'id' });
  });

  test("a grant header naming an unknown grantee type or group is InvalidArgument in S3's words, on a bucket and an object (LocalStack's AWS-validated test_s3_bucket_acl_exceptions, test_s3_object_acl_exceptions)", async () => {
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'granted', Body: 'x' }));
    const fakeGroup = 'http://acs.amazonaws.com/groups/s3/FakeGroup';
    const senders = [
      (grant: string) => owner.send(new PutBucketAclCommand({ Bucket: BUCKET, GrantWrite: grant })),
      (grant: string) => owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'granted', GrantWrite: grant })),
    ];
    for (const send of senders) {
      await expect(send(`uri="${fakeGroup}"`)).rejects.toMatchObject({
        name: 'InvalidArgument',
        message: 'Invalid group uri',
        ArgumentName: 'uri',
        ArgumentValue: fakeGroup,
        $metadata: { httpStatusCode: 400 },
      });
      await expect(send('fakekey="1234"')).rejects.toMatchObject({
        name: 'InvalidArgument',
        message: 'Argument format not recognized',
        ArgumentName: 'x-amz-grant-write',
        ArgumentValue: 'fakekey="1234"',
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  test('an unknown canned ACL is InvalidArgument naming x-amz-acl and the value, with an empty message as S3 sends (LocalStack\'s AWS-validated test_s3_bucket_acl_exceptions)', async () => {
    const onBucket = await harness.raw({ method: 'PUT', path: `/${BUCKET}`, query: { acl: '' }, headers: { 'x-amz-acl': 'bogus' } });
    expect([onBucket.status, codeOf(onBucket.body), elementOf(onBucket.body, 'Message'), elementOf(onBucket.body, 'ArgumentName'), elementOf(onBucket.body, 'ArgumentValue')]).toEqual([
      400,
      'InvalidArgument',
      '',
      'x-amz-acl',
      'bogus',
    ]);
    const onObject = await harness.raw({ method: 'PUT', path: `/${BUCKET}/k`, headers: { 'x-amz-acl': 'bogus' }, body: 'x' });
    expect([onObject.status, codeOf(onObject.body), elementOf(onObject.body, 'Message'), elementOf(onObject.body, 'ArgumentValue')]).toEqual([400, 'InvalidArgument', '', 'bogus']);
  });

  test.each([
    ['an <ID> holding an element', (id: string) => `<ID><a>${id}</a></ID></Grantee><Permission>READ</Permission>`],
    ['a grant of two permissions', (id: string) => `<ID>${id}</ID></Grantee><Permission>READ</Permission><Permission>WRITE</Permission>`],
  ])('an AccessControlPolicy with %s is MalformedACLError, as any ACL outside S3\'s schema', async (_name, rest) => {
    const id = harness.owner.canonicalUserId;
    const body =
      `<AccessControlPolicy><Owner><ID>${id}</ID></Owner><AccessControlList><Grant>` +
      `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">${rest(id)}</Grant></AccessControlList></AccessControlPolicy>`;
    const response = await harness.raw({ method: 'PUT', path: `/${BUCKET}`, query: { acl: '' }, body });
    expect([response.status, codeOf(response.body)]).toEqual([400, 'MalformedACLError']);
  });

  test('an AccessControlPolicy without <Owner> is MalformedACLError', async () => {
    const body =
      '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList><Grant>' +
      `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${harness.owner.canonicalUserId}</ID></Grantee>` +
      '<Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>';
    const response = await harness.raw({ method: 'PUT', path: `/${BUCKET}`, query: { acl: '' }, body });
    expectMalformedAcl(response);
  });

  test("an ACL of more than 100 grants is MalformedACLError with S3's one message, on a bucket and an object", async () => {
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'many-grants', Body: 'x' }));
    const grant = `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${harness.owner.canonicalUserId}</ID></Grantee><Permission>READ</Permission></Grant>`;
    const body = `<AccessControlPolicy><Owner><ID>${harness.owner.canonicalUserId}</ID></Owner><AccessControlList>${grant.repeat(101)}</AccessControlList></AccessControlPolicy>`;
    for (const path of [`/${BUCKET}`, `/${BUCKET}/many-grants`]) {
      const response = await harness.raw({ method: 'PUT', path, query: { acl: '' }, body });
      expectMalformedAcl(response);
    }
  });

  test('PutBucketAcl and PutObjectAcl with neither an ACL header nor a body are MissingSecurityHeader naming x-amz-acl, as S3 answers them', async () => {
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'no-acl', Body: 'x' }));
    for (const path of [`/${BUCKET}`, `/${BUCKET}/no-acl`]) {
      const response = await harness.raw({ method: 'PUT', path, query: { acl: '' } });
      expect([response.status, codeOf(response.body), elementOf(response.body, 'Message'), elementOf(response.body, 'MissingHeaderName')]).toEqual([
        400,
        'MissingSecurityHeader',
        'Your request was missing a required header',
        'x-amz-acl',
      ]);
    }
  });

  test('an empty x-amz-acl is no ACL: the object gets the default, private', async () => {
    const response = await harness.raw({ method: 'PUT', path: `/${BUCKET}/empty-acl`, headers: { 'x-amz-acl': '' }, body: 'x' });
    expect(response.status).toBe(200);
    const acl = await owner.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'empty-acl' }));
    expect(acl.Grants?.map((entry) => [entry.Grantee?.ID, entry.Permission])).toEqual([[harness.owner.canonicalUserId, 'FULL_CONTROL']]);
  });

  test("PutObjectAcl naming another <Owner> than the object's is 403 AccessDenied, as S3 answers an ACL that would give an object away", async () => {
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept', Body: 'x' }));
    const ownerGrant = { Grantee: { Type: 'CanonicalUser' as const, ID: harness.owner.canonicalUserId }, Permission: 'FULL_CONTROL' as const };
    await expect(owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'kept', AccessControlPolicy: { Owner: { ID: harness.other.canonicalUserId }, Grants: [ownerGrant] } }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'kept', AccessControlPolicy: { Owner: { ID: harness.owner.canonicalUserId }, Grants: [ownerGrant] } }));
  });

  test('a grant to a canonical user id that names no account is InvalidArgument "Invalid id" wherever an ACL is set, and nothing is stored', async () => {
    const nobody = 'f'.repeat(64);
    const invalidId = { name: 'InvalidArgument', message: 'Invalid id', ArgumentName: 'CanonicalUser/ID', ArgumentValue: nobody, $metadata: { httpStatusCode: 400 } };
    const grants = [{ Grantee: { Type: 'CanonicalUser' as const, ID: nobody }, Permission: 'READ' as const }];
    const body = { Owner: { ID: harness.owner.canonicalUserId }, Grants: grants };
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'acl-kept', Body: 'x' }));
    const bucketAcl = (await owner.send(new GetBucketAclCommand({ Bucket: BUCKET }))).Grants;
    const objectAcl = (await owner.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'acl-kept' }))).Grants;

    await expect(owner.send(new PutBucketAclCommand({ Bucket: BUCKET, AccessControlPolicy: body }))).rejects.toMatchObject(invalidId);
    await expect(owner.send(new PutBucketAclCommand({ Bucket: BUCKET, GrantRead: `id="${nobody}"` }))).rejects.toMatchObject(invalidId);
    await expect(owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'acl-kept', AccessControlPolicy: body }))).rejects.toMatchObject(invalidId);
    await expect(owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'acl-kept', GrantRead: `id="${nobody}"` }))).rejects.toMatchObject(invalidId);
    expect((await owner.send(new GetBucketAclCommand({ Bucket: BUCKET }))).Grants).toEqual(bucketAcl);
    expect((await owner.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'acl-kept' }))).Grants).toEqual(objectAcl);

    await expect(owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'never-written', Body: 'x', GrantRead: `id="${nobody}"` }))).rejects.toMatchObject(invalidId);
    const copy = new CopyObjectCommand({ Bucket: BUCKET, Key: 'never-copied', CopySource: `${BUCKET}/acl-kept`, GrantRead: `id="${nobody}"` });
    await expect(owner.send(copy)).rejects.toMatchObject(invalidId);
    await expect(owner.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'never-uploaded', GrantRead: `id="${nobody}"` }))).rejects.toMatchObject(invalidId);
    const listed = await owner.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'never-' }));
    expect(listed.KeyCount).toBe(0);
    expect((await owner.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'never-' }))).Uploads ?? []).toEqual([]);

    await expect(owner.send(new CreateBucketCommand({ Bucket: 'never-created', ObjectOwnership: 'ObjectWriter', GrantRead: `id="${nobody}"` }))).rejects.toMatchObject(invalidId);
    await expect(owner.send(new HeadBucketCommand({ Bucket: 'never-created' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });

    await owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'acl-kept', GrantRead: `id="${harness.other.canonicalUserId}"` }));
    const granted = await owner.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'acl-kept' }));
    expect(granted.Grants?.map((entry) => [entry.Grantee?.ID, entry.Permission])).toEqual([[harness.other.canonicalUserId, 'READ']]);
  });

  test('an email grantee is 405 MethodNotAllowed on bucket and object ACLs, in a header or a body, even an account\'s address: S3 ended email grantees in 2025', async () => {
    const email = `${harness.other.accountId}@example.com`;
    const methodNotAllowed = { name: 'MethodNotAllowed', $metadata: { httpStatusCode: 405 } };
    const grants = [{ Grantee: { Type: 'AmazonCustomerByEmail' as const, EmailAddress: email }, Permission: 'READ' as const }];
    const body = { Owner: { ID: harness.owner.canonicalUserId }, Grants: grants };
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'email-kept', Body: 'x' }));
    const bucketAcl = (await owner.send(new GetBucketAclCommand({ Bucket: BUCKET }))).Grants;

    await expect(owner.send(new PutBucketAclCommand({ Bucket: BUCKET, GrantRead: `emailAddress="${email}"` }))).rejects.toMatchObject(methodNotAllowed);
    await expect(owner.send(new PutBucketAclCommand({ Bucket: BUCKET, AccessControlPolicy: body }))).rejects.toMatchObject(methodNotAllowed);
    await expect(owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'email-kept', GrantRead: `emailAddress="${email}"` }))).rejects.toMatchObject(methodNotAllowed);
    await expect(owner.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'email-kept', AccessControlPolicy: body }))).rejects.toMatchObject(methodNotAllowed);
    await expect(owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'email-never', Body: 'x', GrantRead: `emailAddress="${email}"` }))).rejects.toMatchObject(methodNotAllowed);
    expect((await owner.send(new GetBucketAclCommand({ Bucket: BUCKET }))).Grants).toEqual(bucketAcl);
    expect((await owner.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'email-kept' }))).Grants?.map((entry) => entry.Grantee?.ID)).toEqual([harness.owner.canonicalUserId]);
  });
});
