import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketPolicy, failure, OTHER, type S3Harness, startS3Harness, type TestAccount } from './s3-harness';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

describe('S3 access control through the gateway: ACLs, policies, Block Public Access', () => {
  let harness: S3Harness;
  let owner: S3Client;
  let other: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    owner = harness.client();
    other = harness.client(harness.other);
  }, 60_000);
  afterAll(() => harness.close());

  const anonymousGet = (bucket: string, key: string) => fetch(`${harness.http}/${bucket}/${key}`);
  const anonymousList = (bucket: string) => fetch(`${harness.http}/${bucket}?list-type=2`);
  const otherRead = async (bucket: string, key: string) => (await (await other.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString());

  test('new buckets have Block Public Access and BucketOwnerEnforced; ACLs are refused', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'secure-defaults' }));
    const block = await owner.send(new GetPublicAccessBlockCommand({ Bucket: 'secure-defaults' }));
    expect(block.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const ownership = await owner.send(new GetBucketOwnershipControlsCommand({ Bucket: 'secure-defaults' }));
    expect(ownership.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    await owner.send(new PutObjectCommand({ Bucket: 'secure-defaults', Key: 'k', Body: 'x' }));
    await expect(owner.send(new PutObjectAclCommand({ Bucket: 'secure-defaults', Key: 'k', ACL: 'public-read' }))).rejects.toMatchObject({ name: 'AccessControlListNotSupported' });
    expect((await anonymousGet('secure-defaults', 'k')).status).toBe(403);
  });

  test('with BucketOwnerEnforced an ACL granting nothing is refused like any other, and GetBucketAcl always shows the owner\'s full control', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'enforced-empty', ObjectOwnership: 'ObjectWriter' }));
    const nothing = { Owner: { ID: harness.owner.canonicalUserId }, Grants: [] };
    await owner.send(new PutBucketAclCommand({ Bucket: 'enforced-empty', AccessControlPolicy: nothing }));
    await owner.send(new PutObjectCommand({ Bucket: 'enforced-empty', Key: 'k', Body: 'x' }));
    await owner.send(new PutBucketOwnershipControlsCommand({ Bucket: 'enforced-empty', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    const grants = async () => (await owner.send(new GetBucketAclCommand({ Bucket: 'enforced-empty' }))).Grants?.map((grant) => [grant.Grantee?.ID, grant.Permission]);
    expect(await grants()).toEqual([[harness.owner.canonicalUserId, 'FULL_CONTROL']]);
    await expect(owner.send(new PutBucketAclCommand({ Bucket: 'enforced-empty', AccessControlPolicy: nothing }))).rejects.toMatchObject({ name: 'AccessControlListNotSupported' });
    let refused = await owner.send(new PutObjectAclCommand({ Bucket: 'enforced-empty', Key: 'k', AccessControlPolicy: nothing })).then(
      () => undefined,
      (error: Error) => error.name,
    );
    for (let waited = 0; refused === undefined && waited < 8000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // storage caches Object Ownership for 5 s (docs/architecture.md)
      refused = await owner.send(new PutObjectAclCommand({ Bucket: 'enforced-empty', Key: 'k', AccessControlPolicy: nothing })).then(
        () => undefined,
        (error: Error) => error.name,
      );
    }
    expect(refused).toBe('AccessControlListNotSupported');
  });

  test('anonymous read of a public-read object, denied again by Block Public Access; GetObjectAcl shows the grants S3 enforces, the stored ACL again once the setting goes', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'public-acl' }));
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: 'public-acl' }));
    await owner.send(new PutBucketOwnershipControlsCommand({ Bucket: 'public-acl', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    await owner.send(new PutObjectCommand({ Bucket: 'public-acl', Key: 'hello.txt', Body: 'hello, world', ACL: 'public-read' }));
    const acl = await owner.send(new GetObjectAclCommand({ Bucket: 'public-acl', Key: 'hello.txt' }));
    expect(acl.Grants?.map((grant) => [grant.Grantee?.Type, grant.Grantee?.URI ?? grant.Grantee?.ID, grant.Permission])).toEqual([
      ['CanonicalUser', harness.owner.canonicalUserId, 'FULL_CONTROL'],
      ['Group', ALL_USERS, 'READ'],
    ]);
    const response = await anonymousGet('public-acl', 'hello.txt');
    expect([response.status, await response.text()]).toEqual([200, 'hello, world']);
    await owner.send(new PutPublicAccessBlockCommand({ Bucket: 'public-acl', PublicAccessBlockConfiguration: { IgnorePublicAcls: true, BlockPublicAcls: true } }));
    const denied = await anonymousGet('public-acl', 'hello.txt');
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('<Code>AccessDenied</Code>');
    await expect(owner.send(new PutObjectAclCommand({ Bucket: 'public-acl', Key: 'hello.txt', ACL: 'public-read' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    const shownGrants = async () => (await owner.send(new GetObjectAclCommand({ Bucket: 'public-acl', Key: 'hello.txt' }))).Grants?.map((grant) => grant.Grantee?.URI ?? grant.Grantee?.ID);
    expect(await shownGrants()).toEqual([harness.owner.canonicalUserId]);
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: 'public-acl' }));
    expect(await shownGrants()).toEqual([harness.owner.canonicalUserId, ALL_USERS]);
  });

  test('a policy on s3:x-amz-acl governs PutBucketAcl as it governs PutObject and PutObjectAcl: a canned ACL or grants alike', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'acl-guarded' }));
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: 'acl-guarded' }));
    await owner.send(new PutBucketOwnershipControlsCommand({ Bucket: 'acl-guarded', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    const noPublicAcl = {
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:PutBucketAcl', 's3:PutObjectAcl', 's3:PutObject'],
      Resource: ['arn:aws:s3:::acl-guarded', 'arn:aws:s3:::acl-guarded/*'],
      Condition: { StringEquals: { 's3:x-amz-acl': ['public-read', 'public-read-write', 'authenticated-read'] } },
    };
    const noGrantToEveryone = { ...noPublicAcl, Condition: { StringLike: { 's3:x-amz-grant-read': `*${ALL_USERS}*` } } };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'acl-guarded', Policy: bucketPolicy(noPublicAcl, noGrantToEveryone) }));
    await expect(owner.send(new PutBucketAclCommand({ Bucket: 'acl-guarded', ACL: 'public-read' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(owner.send(new PutBucketAclCommand({ Bucket: 'acl-guarded', GrantRead: `uri="${ALL_USERS}"` }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(owner.send(new PutObjectCommand({ Bucket: 'acl-guarded', Key: 'k', Body: 'x', ACL: 'public-read' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await owner.send(new GetBucketAclCommand({ Bucket: 'acl-guarded' }))).Grants?.map((grant) => grant.Permission)).toEqual(['FULL_CONTROL']);
    expect((await anonymousList('acl-guarded')).status).toBe(403);
    await owner.send(new PutBucketAclCommand({ Bucket: 'acl-guarded', ACL: 'private' }));
  });

  test('CopyObject copying the source\'s tags needs s3:GetObjectTagging on the source and s3:PutObjectTagging on the copy, as S3 asks', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'tag-copies' }));
    await owner.send(new PutObjectCommand({ Bucket: 'tag-copies', Key: 'tagged/source', Body: 'x', Tagging: 'project=atlas' }));
    await owner.send(new PutObjectCommand({ Bucket: 'tag-copies', Key: 'plain/source', Body: 'x' }));
    const copy = (from: string, to: string) => other.send(new CopyObjectCommand({ Bucket: 'tag-copies', Key: to, CopySource: `tag-copies/${from}` }));
    const readAndWrite = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::tag-copies/*' };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'tag-copies', Policy: bucketPolicy(readAndWrite) }));
    await expect(copy('tagged/source', 'copies/tagged')).rejects.toMatchObject({ name: 'AccessDenied' });
    await copy('plain/source', 'copies/plain');
    const tagging = { ...readAndWrite, Action: ['s3:GetObjectTagging', 's3:PutObjectTagging'] };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'tag-copies', Policy: bucketPolicy(readAndWrite, { ...tagging, Action: 's3:PutObjectTagging' }) }));
    await expect(copy('tagged/source', 'copies/tagged')).rejects.toMatchObject({ name: 'AccessDenied' });
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'tag-copies', Policy: bucketPolicy(readAndWrite, { ...tagging, Action: 's3:GetObjectTagging' }) }));
    await expect(copy('tagged/source', 'copies/tagged')).rejects.toMatchObject({ name: 'AccessDenied' });
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'tag-copies', Policy: bucketPolicy(readAndWrite, tagging) }));
    await copy('tagged/source', 'copies/tagged');
    expect((await owner.send(new GetObjectTaggingCommand({ Bucket: 'tag-copies', Key: 'copies/tagged' }))).TagSet).toEqual([{ Key: 'project', Value: 'atlas' }]);
  });

  test('bucket ACLs as AccessControlPolicy XML grant another account', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'acl-grant', ObjectOwnership: 'ObjectWriter' }));
    await owner.send(new PutObjectCommand({ Bucket: 'acl-grant', Key: 'k', Body: 'x' }));
    await expect(other.send(new ListObjectsV2Command({ Bucket: 'acl-grant' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    const ownerGrant = { Grantee: { Type: 'CanonicalUser' as const, ID: harness.owner.canonicalUserId }, Permission: 'FULL_CONTROL' as const };
    const otherGrant = { Grantee: { Type: 'CanonicalUser' as const, ID: harness.other.canonicalUserId }, Permission: 'READ' as const };
    await owner.send(new PutBucketAclCommand({ Bucket: 'acl-grant', AccessControlPolicy: { Owner: { ID: harness.owner.canonicalUserId }, Grants: [ownerGrant, otherGrant] } }));
    const acl = await owner.send(new GetBucketAclCommand({ Bucket: 'acl-grant' }));
    expect(acl.Grants?.map((grant) => [grant.Grantee?.ID, grant.Permission])).toEqual([
      [harness.owner.canonicalUserId, 'FULL_CONTROL'],
      [harness.other.canonicalUserId, 'READ'],
    ]);
    expect((await other.send(new ListObjectsV2Command({ Bucket: 'acl-grant' }))).Contents?.map((object) => object.Key)).toEqual(['k']);
  });

  test("an ACL without a grant to its owner does not lock the owner out: the owner of a bucket or object always holds READ_ACP and WRITE_ACP", async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'owner-acp', ObjectOwnership: 'ObjectWriter' }));
    const write = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::owner-acp/*' };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'owner-acp', Policy: bucketPolicy(write) }));
    await other.send(new PutObjectCommand({ Bucket: 'owner-acp', Key: 'theirs', Body: 'x' }));
    const noGrants = (account: TestAccount) => ({ Owner: { ID: account.canonicalUserId }, Grants: [] });
    await other.send(new PutObjectAclCommand({ Bucket: 'owner-acp', Key: 'theirs', AccessControlPolicy: noGrants(harness.other) }));
    const objectAcl = await other.send(new GetObjectAclCommand({ Bucket: 'owner-acp', Key: 'theirs' }));
    expect([objectAcl.Owner?.ID, objectAcl.Grants ?? []]).toEqual([harness.other.canonicalUserId, []]);
    await expect(otherRead('owner-acp', 'theirs')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(owner.send(new GetObjectAclCommand({ Bucket: 'owner-acp', Key: 'theirs' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await other.send(new PutObjectAclCommand({ Bucket: 'owner-acp', Key: 'theirs', ACL: 'private' }));
    expect(await otherRead('owner-acp', 'theirs')).toBe('x');

    await owner.send(new PutBucketAclCommand({ Bucket: 'owner-acp', AccessControlPolicy: noGrants(harness.owner) }));
    expect((await owner.send(new GetBucketAclCommand({ Bucket: 'owner-acp' }))).Grants ?? []).toEqual([]);
    await owner.send(new PutBucketAclCommand({ Bucket: 'owner-acp', ACL: 'private' }));
  });

  test('a cross-account grant through a bucket policy, and an explicit deny beating it', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'shared' }));
    for (const key of ['docs/a', 'secret/b']) await owner.send(new PutObjectCommand({ Bucket: 'shared', Key: key, Body: key }));
    await expect(otherRead('shared', 'docs/a')).rejects.toMatchObject({ name: 'AccessDenied' });
    const grant = { Sid: 'ReadForOther', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${harness.other.accountId}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'shared', Policy: bucketPolicy(grant) }));
    expect(await otherRead('shared', 'docs/a')).toBe('docs/a');
    expect(await otherRead('shared', 'secret/b')).toBe('secret/b');
    const deny = { Sid: 'NoSecrets', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/secret/*' };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'shared', Policy: bucketPolicy(grant, deny) }));
    expect(JSON.parse((await owner.send(new GetBucketPolicyCommand({ Bucket: 'shared' }))).Policy!)).toMatchObject({ Statement: [grant, deny] });
    expect(await otherRead('shared', 'docs/a')).toBe('docs/a');
    await expect(otherRead('shared', 'secret/b')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(owner.send(new GetObjectCommand({ Bucket: 'shared', Key: 'secret/b' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await owner.send(new GetBucketPolicyStatusCommand({ Bucket: 'shared' }))).PolicyStatus?.IsPublic).toBe(false);
  });

  test("S3's cross-account upload pattern: s3:PutObject alone, on the condition of bucket-owner-full-control, lets another account write with that ACL only", async () => {
    for (const [bucket, ownership] of [['handoff-preferred', 'BucketOwnerPreferred'], ['handoff-enforced', 'BucketOwnerEnforced']] as const) {
      await owner.send(new CreateBucketCommand({ Bucket: bucket, ObjectOwnership: ownership }));
      const condition = { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } };
      const grant = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: condition };
      await owner.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy(grant) }));
      await other.send(new PutObjectCommand({ Bucket: bucket, Key: 'delivered', Body: 'report', ACL: 'bucket-owner-full-control' }));
      expect(await (await owner.send(new GetObjectCommand({ Bucket: bucket, Key: 'delivered' }))).Body!.transformToString()).toBe('report');
      await expect(other.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain', Body: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    }
    await expect(other.send(new PutObjectCommand({ Bucket: 'handoff-preferred', Key: 'shared', Body: 'x', ACL: 'authenticated-read' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('once a bucket is BucketOwnerEnforced, its owner owns every object another account wrote before: GetObjectAcl and listings say so', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'taken-over', ObjectOwnership: 'ObjectWriter' }));
    const grant = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::taken-over/*' };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'taken-over', Policy: bucketPolicy(grant) }));
    await other.send(new PutObjectCommand({ Bucket: 'taken-over', Key: 'written-by-other', Body: 'x' }));
    const before = await owner.send(new ListObjectsV2Command({ Bucket: 'taken-over', FetchOwner: true }));
    expect(before.Contents?.[0]?.Owner?.ID).toBe(harness.other.canonicalUserId);
    await owner.send(new PutBucketOwnershipControlsCommand({ Bucket: 'taken-over', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    const aclNow = () => owner.send(new GetObjectAclCommand({ Bucket: 'taken-over', Key: 'written-by-other' }));
    let acl = await aclNow();
    for (let waited = 0; acl.Owner?.ID !== harness.owner.canonicalUserId && waited < 8000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // storage caches Object Ownership for 5 s (docs/architecture.md)
      acl = await aclNow();
    }
    expect([acl.Owner?.ID, acl.Grants?.map((entry) => [entry.Grantee?.ID, entry.Permission])]).toEqual([harness.owner.canonicalUserId, [[harness.owner.canonicalUserId, 'FULL_CONTROL']]]);
    const after = await owner.send(new ListObjectsV2Command({ Bucket: 'taken-over', FetchOwner: true }));
    expect(after.Contents?.[0]?.Owner?.ID).toBe(harness.owner.canonicalUserId);
    const versions = await owner.send(new ListObjectVersionsCommand({ Bucket: 'taken-over' }));
    expect(versions.Versions?.[0]?.Owner?.ID).toBe(harness.owner.canonicalUserId);
  });

  test('s3:x-amz-copy-source is the decoded source, whatever spelling the header has: one pattern governs CopyObject and UploadPartCopy', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'copies' }));
    for (const key of ['public/a b', 'private/c']) await owner.send(new PutObjectCommand({ Bucket: 'copies', Key: key, Body: key }));
    const onlyPublic = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::copies/*',
      Condition: { StringNotLike: { 's3:x-amz-copy-source': 'copies/public/*' }, Null: { 's3:x-amz-copy-source': 'false' } },
    };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'copies', Policy: bucketPolicy(onlyPublic) }));
    for (const source of ['/copies/public/a%20b', 'copies/public/a+b', 'copies/public/a b']) {
      expect((await harness.raw({ method: 'PUT', path: '/copies/copied', headers: { 'x-amz-copy-source': source } })).status).toBe(200);
    }
    for (const source of ['/copies/private/c', 'copies/%70rivate/c']) {
      const answer = await harness.raw({ method: 'PUT', path: '/copies/copied', headers: { 'x-amz-copy-source': source } });
      expect(answer.status).toBe(403);
    }
    const { UploadId } = await owner.send(new CreateMultipartUploadCommand({ Bucket: 'copies', Key: 'parts' }));
    const partCopy = (source: string) => harness.raw({ method: 'PUT', path: '/copies/parts', query: { partNumber: '1', uploadId: UploadId! }, headers: { 'x-amz-copy-source': source } });
    expect((await partCopy('/copies/public/a%20b')).status).toBe(200);
    expect((await partCopy('copies/private/c')).status).toBe(403);
    await owner.send(new PutObjectCommand({ Bucket: 'copies', Key: 'plain', Body: 'a PUT without a copy source is not a copy' }));
  });

  test('policy status and Block Public Access for a public policy', async () => {
    await owner.send(new CreateBucketCommand({ Bucket: 'website' }));
    const publicRead = bucketPolicy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::website/*' });
    await expect(owner.send(new PutBucketPolicyCommand({ Bucket: 'website', Policy: publicRead }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(owner.send(new GetBucketPolicyStatusCommand({ Bucket: 'website' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: 'website' }));
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'website', Policy: publicRead }));
    expect((await owner.send(new GetBucketPolicyStatusCommand({ Bucket: 'website' }))).PolicyStatus?.IsPublic).toBe(true);
    await owner.send(new PutObjectCommand({ Bucket: 'website', Key: 'index.html', Body: '<h1>hi</h1>' }));
    expect((await anonymousGet('website', 'index.html')).status).toBe(200);
    await owner.send(new PutPublicAccessBlockCommand({ Bucket: 'website', PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
    expect((await anonymousGet('website', 'index.html')).status).toBe(403);
    await expect(other.send(new GetBucketPolicyCommand({ Bucket: 'website' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await owner.send(new DeleteBucketPolicyCommand({ Bucket: 'website' }));
    await expect(owner.send(new GetBucketPolicyCommand({ Bucket: 'website' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
  });

  test('a policy requiring aws:SecureTransport: HTTP denied, HTTPS allowed', async () => {
    const secure = harness.client(harness.owner, { secure: true });
    await owner.send(new CreateBucketCommand({ Bucket: 'tls-only' }));
    await owner.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'k', Body: 'over TLS' }));
    const denyInsecure = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::tls-only', 'arn:aws:s3:::tls-only/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    await owner.send(new PutBucketPolicyCommand({ Bucket: 'tls-only', Policy: bucketPolicy(denyInsecure) }));
    await expect(owner.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'k' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    const forged = await harness.raw({ method: 'GET', path: '/tls-only/k', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.1' } });
    expect(forged.status).toBe(403);
    const got = await secure.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('over TLS');
    await owner.send(new DeleteBucketPolicyCommand({ Bucket: 'tls-only' }));
    expect(await (await owner.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'k' }))).Body!.transformToString()).toBe('over TLS');
  });

  describe('tag-based authorization', () => {
    const toOther = (bucket: string, statement: object) => ({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Resource: `arn:aws:s3:::${bucket}/*`, ...statement });

    test('s3:ExistingObjectTag is no condition of a delete, as S3 documents: a policy can neither grant nor deny DeleteObject or DeleteObjectVersion by the tags', async () => {
      const Bucket = 'tag-deletes';
      await owner.send(new CreateBucketCommand({ Bucket }));
      await owner.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      const put = async (Key: string, Tagging: string) => (await owner.send(new PutObjectCommand({ Bucket, Key, Body: 'x', Tagging }))).VersionId;
      const onTag = (tag: string) => ({ StringEquals: { [`s3:ExistingObjectTag/${tag}`]: 'yes' } });
      const deletes = ['s3:DeleteObject', 's3:DeleteObjectVersion'];

      await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(toOther(Bucket, { Effect: 'Allow', Action: deletes, Condition: onTag('disposable') })) }));
      const disposable = await put('disposable', 'disposable=yes');
      expect(await failure(other.send(new DeleteObjectCommand({ Bucket, Key: 'disposable' })))).toEqual(['AccessDenied', 403]);
      expect(await failure(other.send(new DeleteObjectCommand({ Bucket, Key: 'disposable', VersionId: disposable })))).toEqual(['AccessDenied', 403]);
      const batch = await other.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'disposable' }, { Key: 'disposable', VersionId: disposable }] } }));
      expect([batch.Deleted ?? [], batch.Errors?.map((error) => error.Code)]).toEqual([[], ['AccessDenied', 'AccessDenied']]);
      expect((await owner.send(new HeadObjectCommand({ Bucket, Key: 'disposable' }))).VersionId).toBe(disposable);

      const allowDeletes = toOther(Bucket, { Effect: 'Allow', Action: deletes });
      const denyProtected = toOther(Bucket, { Effect: 'Deny', Action: deletes, Condition: onTag('protected') });
      await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(allowDeletes, denyProtected) }));
      const versions = [await put('protected', 'protected=yes'), await put('protected', 'protected=yes')];
      await other.send(new DeleteObjectCommand({ Bucket, Key: 'protected', VersionId: versions[0] }));
      const batched = await other.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'protected' }] } }));
      expect(batched.Deleted?.map((deleted) => deleted.DeleteMarker)).toEqual([true]);
      await other.send(new DeleteObjectCommand({ Bucket, Key: 'protected', VersionId: versions[1] }));
    });

    test('CopyObject with x-amz-tagging-directive REPLACE: its x-amz-tagging tags are s3:RequestObjectTag/<key> and s3:RequestObjectTagKeys of s3:PutObject, as of a PutObject (the keys the Service Authorization Reference gives s3:PutObject, which CopyObject is authorized as)', async () => {
      const Bucket = 'tag-replaced-copies';
      await owner.send(new CreateBucketCommand({ Bucket }));
      await owner.send(new PutObjectCommand({ Bucket, Key: 'source', Body: 'x' }));
      const allowCopies = toOther(Bucket, { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'] });
      const denyProd = toOther(Bucket, { Effect: 'Deny', Action: 's3:PutObject', Condition: { StringEquals: { 's3:RequestObjectTag/env': 'prod' } } });
      const onlyEnvAndTeam = toOther(Bucket, { Effect: 'Deny', Action: 's3:PutObject', Condition: { 'ForAnyValue:StringNotEquals': { 's3:RequestObjectTagKeys': ['env', 'team'] } } });
      await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(allowCopies, denyProd, onlyEnvAndTeam) }));
      const copy = (Key: string, Tagging: string) => other.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/source`, TaggingDirective: 'REPLACE', Tagging }));
      expect(await failure(copy('prod', 'team=a&env=prod'))).toEqual(['AccessDenied', 403]);
      expect(await failure(copy('secret', 'env=dev&secret=1'))).toEqual(['AccessDenied', 403]);
      await copy('dev', 'env=dev&team=a');
      expect((await owner.send(new GetObjectTaggingCommand({ Bucket, Key: 'dev' }))).TagSet).toEqual([{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'a' }]);
      await expect(owner.send(new HeadObjectCommand({ Bucket, Key: 'prod' }))).rejects.toMatchObject({ name: 'NotFound' });
    });

    test('tags whose keys differ only in case are both seen by a condition on either (condition key names are case-insensitive; tag keys are not)', async () => {
      const Bucket = 'tag-cases';
      await owner.send(new CreateBucketCommand({ Bucket }));
      const allowPuts = toOther(Bucket, { Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject'] });
      const denyProd = toOther(Bucket, { Effect: 'Deny', Action: 's3:PutObject', Condition: { StringEquals: { 's3:RequestObjectTag/env': 'prod' } } });
      const denySecret = toOther(Bucket, { Effect: 'Deny', Action: 's3:GetObject', Condition: { StringEquals: { 's3:ExistingObjectTag/class': 'secret' } } });
      await owner.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(allowPuts, denyProd, denySecret) }));
      for (const Tagging of ['env=prod', 'env=prod&Env=dev', 'Env=dev&env=prod']) {
        expect([Tagging, await failure(other.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging })))]).toEqual([Tagging, ['AccessDenied', 403]]);
      }
      await owner.send(new PutObjectCommand({ Bucket, Key: 'secret', Body: 'x', Tagging: 'class=secret&Class=public' }));
      expect(await failure(other.send(new GetObjectCommand({ Bucket, Key: 'secret' })))).toEqual(['AccessDenied', 403]);
    });
  });
});
