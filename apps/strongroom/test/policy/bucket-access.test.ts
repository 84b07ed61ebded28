import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { ALL_USERS_URI } from '@strongroom/iam-policy';
import { as, root, startPolicyHarness, TENANT_ACCOUNT, type PolicyClient, type PolicyHarness, reasonOf } from './policy-harness';

const OWNER = '111111111111';
const OTHER = '222222222222';
const { Decision, DecisionBasis, AccessLevel, ObjectOwnership, GranteeType, AclPermission } = policyV1;

const publicRead = (bucket: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });
const denyAll = (bucket: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }] });
const grantOther = (bucket: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });

describe('buckets: defaults, policies, ACLs, Block Public Access, ownership, Authorize and analysis', () => {
  let harness: PolicyHarness;
  let legacy: { client: PolicyClient; close(): Promise<void> };
  beforeAll(async () => {
    harness = await startPolicyHarness();
    legacy = await harness.startReplica({ legacyBucketDefaults: true });
    await harness.account(OWNER, 'owner@example.com');
    await harness.account(OTHER, 'other@example.com');
    await harness.client.createUser({ principal: root(OTHER), userName: 'carol' });
    const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    await harness.client.putUserPolicy({ principal: root(OTHER), userName: 'carol', policyName: 'all', policyDocument: everything });
  });
  afterAll(async () => {
    await legacy.close();
    await harness.close();
  });

  const authorize = (
    bucketId: string,
    bucket: string,
    principal: policyV1.RequestPrincipal,
    action = 's3:GetObject',
    key = '/k',
    extra: Partial<policyV1.AuthorizeRequest> = {},
    client: PolicyClient = harness.client,
  ) => client.authorize({ principal, action, resource: `arn:aws:s3:::${bucket}${key}`, bucketId, ...extra });

  test('new buckets: BPA all on and BucketOwnerEnforced; legacy setting: ObjectWriter and no BPA', async () => {
    const secure = await harness.client.registerBucket({ bucketId: 'secure-1', name: 'secure', ownerAccountId: OWNER, region: 'us-east-1' });
    expect(secure.publicAccessBlock).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    expect(secure.objectOwnership).toBe(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    const old = await legacy.client.registerBucket({ bucketId: 'legacy-1', name: 'legacy', ownerAccountId: OWNER, region: 'us-east-1' });
    expect(old.publicAccessBlock).toBeUndefined();
    expect(old.objectOwnership).toBe(ObjectOwnership.OBJECT_WRITER);
    expect(await reasonOf(harness.client.getBucketPublicAccessBlock({ principal: root(OWNER), bucketId: 'legacy-1' }))).toBe('NO_SUCH_PUBLIC_ACCESS_BLOCK');
    expect(await reasonOf(harness.tenantClient.registerBucket({ bucketId: 'x', name: 'x', ownerAccountId: OWNER, region: 'us-east-1' }))).toBe('PRINCIPAL_NOT_ALLOWED');
  });

  test('policies: MALFORMED_POLICY says where, 20 KB limit, BlockPublicPolicy rejects public ones, other accounts may not manage', async () => {
    const bucketId = await harness.bucket(OWNER, 'pol');
    const bad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pol/*', Condition: { IpAddress: { 'aws:SourceIp': 'nope' } } }] });
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: bad })).rejects.toMatchObject({ reason: ErrorReason.MALFORMED_POLICY, message: expect.stringContaining('Statement[0].Condition') });
    const huge = JSON.stringify({ Version: '2012-10-17', Id: 'x'.repeat(21_000), Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    await expect(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: huge })).rejects.toMatchObject({ reason: ErrorReason.MALFORMED_POLICY, message: expect.stringContaining('limit is 20480') });
    expect(await reasonOf(harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: publicRead('pol') }))).toBe('PUBLIC_ACCESS_BLOCKED');
    const foreign = harness.client.putBucketPolicy({ principal: root(OTHER), bucketId, policy: grantOther('pol') });
    await expect(foreign).rejects.toMatchObject({ reason: ErrorReason.METHOD_NOT_ALLOWED, message: 'The specified method is not allowed against this resource.' });
    expect(await reasonOf(harness.client.getBucketPolicy({ principal: root(OTHER), bucketId }))).toBe('METHOD_NOT_ALLOWED');
    expect(await reasonOf(harness.client.deleteBucketPolicy({ principal: root(OTHER), bucketId }))).toBe('METHOD_NOT_ALLOWED');
    await expect(harness.client.getBucketPublicAccessBlock({ principal: root(OTHER), bucketId })).rejects.toMatchObject({
      reason: ErrorReason.ACCESS_DENIED,
      message: expect.not.stringContaining(bucketId) as unknown,
    });
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grantOther('pol') });
    expect((await harness.client.getBucketPolicy({ principal: root(OWNER), bucketId })).policy).toBe(grantOther('pol'));
    await harness.client.deleteBucketPolicy({ principal: root(OWNER), bucketId });
    expect(await reasonOf(harness.client.getBucketPolicy({ principal: root(OWNER), bucketId }))).toBe('NO_SUCH_BUCKET_POLICY');
    expect(await reasonOf(harness.client.getBucketPolicyStatus({ principal: root(OWNER), bucketId }))).toBe('NO_SUCH_BUCKET_POLICY');
  });

  test('ACLs: BucketOwnerEnforced refuses them, BlockPublicAcls rejects public ones, email grantees are refused as S3 has since 2025', async () => {
    const bucketId = await harness.bucket(OWNER, 'acl');
    expect(await reasonOf(harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'cannedAcl', value: 'public-read' } }))).toBe('ACLS_NOT_SUPPORTED');
    // As S3 refuses any canned ACL but bucket-owner-full-control there, private included.
    expect(await reasonOf(harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'cannedAcl', value: 'private' } }))).toBe('ACLS_NOT_SUPPORTED');
    await harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'cannedAcl', value: 'bucket-owner-full-control' } });
    await harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.OBJECT_WRITER });
    expect(await reasonOf(harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'cannedAcl', value: 'public-read' } }))).toBe('PUBLIC_ACCESS_BLOCKED');
    const other = (await harness.client.getAccount({ principal: root(OTHER) })).account!;
    const grants = [{ grantee: { type: GranteeType.CANONICAL_USER, id: other.canonicalUserId }, permission: AclPermission.READ }];
    const stored = await harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'accessControlPolicy', value: { ownerId: '', ownerDisplayName: '', grants } } });
    expect(stored.accessControlPolicy!.grants).toEqual([expect.objectContaining({ grantee: expect.objectContaining({ type: GranteeType.CANONICAL_USER, id: other.canonicalUserId }) })]);
    for (const emailAddress of ['other@example.com', 'other\u0000@example.com']) {
      const byEmail = [{ grantee: { type: GranteeType.EMAIL, emailAddress }, permission: AclPermission.READ }];
      const refused = harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'accessControlPolicy', value: { ownerId: '', ownerDisplayName: '', grants: byEmail } } });
      expect(await reasonOf(refused)).toBe('METHOD_NOT_ALLOWED');
    }
    expect(await reasonOf(harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED }))).toBe(
      'INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP',
    );
  });

  test("a tenant's credential reads and writes ACLs and asks Authorize only on its own accounts' buckets, whatever another account granted it", async () => {
    const tenant = await harness.account(TENANT_ACCOUNT, 'tenant@example.com');
    const bucketId = await harness.bucket(OWNER, 'granted');
    await harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.OBJECT_WRITER });
    const grants = [AclPermission.READ_ACP, AclPermission.WRITE_ACP].map((permission) => ({ grantee: { type: GranteeType.CANONICAL_USER, id: tenant.canonicalUserId }, permission }));
    await harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'accessControlPolicy', value: { ownerId: '', ownerDisplayName: '', grants } } });
    const everything = { Sid: 'TenantEverything', Effect: 'Allow', Principal: { AWS: TENANT_ACCOUNT }, Action: 's3:*', Resource: ['arn:aws:s3:::granted', 'arn:aws:s3:::granted/*'] };
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [everything] }) });
    const before = await harness.client.getBucketAcl({ principal: root(OWNER), bucketId });

    const fullControl = [{ grantee: { type: GranteeType.CANONICAL_USER, id: tenant.canonicalUserId }, permission: AclPermission.FULL_CONTROL }];
    const takeOver = { $case: 'accessControlPolicy' as const, value: { ownerId: '', ownerDisplayName: '', grants: fullControl } };
    expect(await reasonOf(harness.tenantClient.putBucketAcl({ principal: root(TENANT_ACCOUNT), bucketId, acl: takeOver }))).toBe('PRINCIPAL_NOT_ALLOWED');
    expect(await reasonOf(harness.tenantClient.getBucketAcl({ principal: root(TENANT_ACCOUNT), bucketId }))).toBe('PRINCIPAL_NOT_ALLOWED');
    expect(await reasonOf(authorize(bucketId, 'granted', as.root(TENANT_ACCOUNT), 's3:GetObject', '/k', {}, harness.tenantClient))).toBe('PRINCIPAL_NOT_ALLOWED');
    expect(await harness.client.getBucketAcl({ principal: root(OWNER), bucketId })).toEqual(before);
    expect((await authorize(bucketId, 'granted', as.root(TENANT_ACCOUNT))).decision).toBe(Decision.ALLOW);

    const ownId = await harness.bucket(TENANT_ACCOUNT, 'tenant-own');
    expect((await harness.tenantClient.getBucketAcl({ principal: root(TENANT_ACCOUNT), bucketId: ownId })).accessControlPolicy!.ownerId).toBe(tenant.canonicalUserId);
    await harness.tenantClient.putBucketAcl({ principal: root(TENANT_ACCOUNT), bucketId: ownId, acl: { $case: 'cannedAcl', value: 'bucket-owner-full-control' } });
    expect((await authorize(ownId, 'tenant-own', as.root(TENANT_ACCOUNT), 's3:GetObject', '/k', {}, harness.tenantClient)).decision).toBe(Decision.ALLOW);
  });

  test('s3:ResourceAccount and aws:ResourceAccount are the bucket owner\'s account, whatever the caller states: a data perimeter holds', async () => {
    const bucketId = await harness.bucket(OWNER, 'perimeter');
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grantOther('perimeter') });
    const onlyOwnAccount = (key: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { [key]: OTHER } } },
        ],
      });
    for (const [userName, key] of [['perimeter-s3', 's3:ResourceAccount'], ['perimeter-aws', 'aws:ResourceAccount']] as const) {
      await harness.client.createUser({ principal: root(OTHER), userName });
      await harness.client.putUserPolicy({ principal: root(OTHER), userName, policyName: 'perimeter', policyDocument: onlyOwnAccount(key) });
      expect((await authorize(bucketId, 'perimeter', as.user(OTHER, userName))).decision).toBe(Decision.EXPLICIT_DENY);
      for (const claiming of [
        { context: { [key.toUpperCase()]: { values: [OTHER] }, [key]: { values: [OTHER] } } },
        { context: { [key]: { values: [OTHER] }, [key.toUpperCase()]: { values: [OTHER] } } },
      ]) {
        expect((await authorize(bucketId, 'perimeter', as.user(OTHER, userName), 's3:GetObject', '/k', claiming)).decision).toBe(Decision.EXPLICIT_DENY);
      }
    }
    expect((await authorize(bucketId, 'perimeter', as.user(OTHER, 'carol'))).decision).toBe(Decision.ALLOW);
    // The principal's keys, which the service sets too, cannot be claimed in another spelling either.
    const notOther = { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::perimeter/*', Condition: { StringEquals: { 'aws:PrincipalAccount': OTHER } } };
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [notOther] }) });
    const posing = { context: { 'aws:PrincipalAccount': { values: [OWNER] }, 'AWS:PRINCIPALACCOUNT': { values: [OWNER] } } };
    expect((await authorize(bucketId, 'perimeter', as.user(OTHER, 'carol'), 's3:GetObject', '/k', posing)).decision).toBe(Decision.EXPLICIT_DENY);
  });

  test('cross-account needs both sides; anonymous only through the bucket; an explicit deny wins; the owner root keeps managing', async () => {
    const bucketId = await harness.bucket(OWNER, 'xacct');
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grantOther('xacct') });
    expect((await authorize(bucketId, 'xacct', as.root(OTHER))).decision).toBe(Decision.ALLOW);
    const carol = await authorize(bucketId, 'xacct', as.user(OTHER, 'carol'));
    expect(carol.decision).toBe(Decision.ALLOW);
    expect(carol.reasons.map((reason) => reason.basis)).toEqual([DecisionBasis.IDENTITY_POLICY, DecisionBasis.BUCKET_POLICY]);
    expect((await authorize(bucketId, 'xacct', as.user(OTHER, 'dave'))).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'xacct', as.root(OTHER), 's3:PutObject')).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'xacct', as.anonymous())).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'xacct', as.root(OWNER), 's3:PutObject')).decision).toBe(Decision.ALLOW);

    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: denyAll('xacct') });
    const denied = await authorize(bucketId, 'xacct', as.root(OWNER));
    expect(denied.decision).toBe(Decision.EXPLICIT_DENY);
    expect(denied.reasons[0]).toMatchObject({ basis: DecisionBasis.BUCKET_POLICY, sid: 'DenyAll' });
    const manage = await authorize(bucketId, 'xacct', as.root(OWNER), 's3:PutBucketPolicy', '');
    expect(manage.decision).toBe(Decision.ALLOW);
    expect(manage.reasons[0]!.basis).toBe(DecisionBasis.BUCKET_OWNER);
    await expect(authorize(bucketId, 'other-bucket', as.root(OWNER))).rejects.toMatchObject({ reason: ErrorReason.INVALID_ARGUMENT });
  });

  test("an object's owner holds READ_ACP and WRITE_ACP on it whatever its ACL grants (OWNER_ACP), and nothing more; the bucket owner holds them on its bucket; a user with no policy gets nothing from them", async () => {
    const bucketId = await harness.bucket(OWNER, 'owned-acl');
    await harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.OBJECT_WRITER });
    await harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'accessControlPolicy', value: { ownerId: '', ownerDisplayName: '', grants: [] } } });
    const { account } = await harness.client.getAccount({ principal: root(OTHER) });
    const theirs = { objectOwnerId: account!.canonicalUserId, objectGrants: [] };
    for (const action of ['s3:GetObjectAcl', 's3:PutObjectVersionAcl']) {
      const decided = await authorize(bucketId, 'owned-acl', as.root(OTHER), action, '/k', theirs);
      expect([decided.decision, decided.reasons.map((reason) => reason.basis)]).toEqual([Decision.ALLOW, [DecisionBasis.ACCOUNT_ROOT, DecisionBasis.OWNER_ACP]]);
    }
    expect((await authorize(bucketId, 'owned-acl', as.root(OTHER), 's3:GetObject', '/k', theirs)).decision).toBe(Decision.IMPLICIT_DENY);
    const carol = await authorize(bucketId, 'owned-acl', as.user(OTHER, 'carol'), 's3:PutObjectAcl', '/k', theirs);
    expect([carol.decision, carol.reasons.map((reason) => reason.basis)]).toEqual([Decision.ALLOW, [DecisionBasis.IDENTITY_POLICY, DecisionBasis.OWNER_ACP]]);
    expect((await authorize(bucketId, 'owned-acl', as.user(OTHER, 'dave'), 's3:GetObjectAcl', '/k', theirs)).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'owned-acl', as.user(OWNER, 'erin'), 's3:PutBucketAcl', '')).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'owned-acl', as.root(OWNER), 's3:GetObjectAcl', '/k', theirs)).decision).toBe(Decision.IMPLICIT_DENY);
    const bucketAcl = await authorize(bucketId, 'owned-acl', as.root(OWNER), 's3:PutBucketAcl', '');
    expect([bucketAcl.decision, bucketAcl.reasons.map((reason) => reason.basis)]).toEqual([Decision.ALLOW, [DecisionBasis.ACCOUNT_ROOT, DecisionBasis.OWNER_ACP]]);
    expect((await authorize(bucketId, 'owned-acl', as.root(OWNER), 's3:ListBucket', '')).reasons.map((reason) => reason.basis)).toEqual([DecisionBasis.ACCOUNT_ROOT]);
  });

  test("an ACL's grant to the owner account allows its root, and none of its users without a policy (ACLs grant accounts)", async () => {
    const bucketId = await harness.bucket(OWNER, 'account-grant');
    await harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.OBJECT_WRITER });
    const rooted = await authorize(bucketId, 'account-grant', as.root(OWNER), 's3:ListBucket', '');
    expect([rooted.decision, rooted.reasons.map((reason) => reason.basis)]).toEqual([Decision.ALLOW, [DecisionBasis.ACCOUNT_ROOT, DecisionBasis.BUCKET_ACL]]);
    for (const action of ['s3:ListBucket', 's3:PutObject', 's3:GetBucketAcl']) {
      const key = action === 's3:PutObject' ? '/k' : '';
      expect((await authorize(bucketId, 'account-grant', as.user(OWNER, 'frank'), action, key)).decision).toBe(Decision.IMPLICIT_DENY);
    }
  });

  test('a bucket policy Allow naming the owner account grants its root, not its users: one with no policy needs its own ARN named; a Deny naming the account denies them', async () => {
    const bucketId = await harness.bucket(OWNER, 'account-named');
    for (const userName of ['gina', 'hank']) await harness.client.createUser({ principal: root(OWNER), userName });
    const objects = 'arn:aws:s3:::account-named/*';
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AccountRootArn', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 's3:GetObject', Resource: objects },
        { Sid: 'AccountId', Effect: 'Allow', Principal: { AWS: OWNER }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::account-named' },
        { Sid: 'Hank', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:user/hank` }, Action: ['s3:GetObject', 's3:DeleteObject'], Resource: objects },
        { Sid: 'NoDeletes', Effect: 'Deny', Principal: { AWS: OWNER }, Action: 's3:DeleteObject', Resource: objects },
      ],
    });
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy });

    expect((await authorize(bucketId, 'account-named', as.user(OWNER, 'gina'))).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'account-named', as.user(OWNER, 'gina'), 's3:ListBucket', '')).decision).toBe(Decision.IMPLICIT_DENY);
    const hank = await authorize(bucketId, 'account-named', as.user(OWNER, 'hank'));
    expect([hank.decision, hank.reasons.map((reason) => reason.sid)]).toEqual([Decision.ALLOW, ['Hank']]);
    const rooted = await authorize(bucketId, 'account-named', as.root(OWNER));
    expect([rooted.decision, rooted.reasons.map((reason) => [reason.basis, reason.sid])]).toEqual([
      Decision.ALLOW,
      [
        [DecisionBasis.ACCOUNT_ROOT, ''],
        [DecisionBasis.BUCKET_POLICY, 'AccountRootArn'],
      ],
    ]);
    expect((await authorize(bucketId, 'account-named', as.user(OWNER, 'hank'), 's3:DeleteObject')).decision).toBe(Decision.EXPLICIT_DENY);
  });

  test('public ACLs and policies with IgnorePublicAcls and RestrictPublicBuckets; the owner\'s access survives every flag', async () => {
    const bucketId = await harness.bucket(OWNER, 'pub');
    await harness.client.deleteBucketPublicAccessBlock({ principal: root(OWNER), bucketId });
    await harness.client.putBucketOwnershipControls({ principal: root(OWNER), bucketId, objectOwnership: ObjectOwnership.OBJECT_WRITER });
    await harness.client.putBucketAcl({ principal: root(OWNER), bucketId, acl: { $case: 'cannedAcl', value: 'public-read' } });
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: publicRead('pub') });
    const listed = await authorize(bucketId, 'pub', as.anonymous(), 's3:ListBucket', '');
    expect(listed.reasons).toEqual([expect.objectContaining({ basis: DecisionBasis.BUCKET_ACL, grant: expect.objectContaining({ grantee: expect.objectContaining({ uri: ALL_USERS_URI }) }) })]);
    const objectGrants = [{ grantee: { type: GranteeType.GROUP, id: '', emailAddress: '', uri: ALL_USERS_URI, displayName: '' }, permission: AclPermission.READ }];
    const analysis = await harness.client.getBucketAccessAnalysis({ principal: root(OWNER), bucketId });
    expect(analysis.accessLevel).toBe(AccessLevel.PUBLIC);
    expect(analysis.publicStatements.map((statement) => statement.sid)).toEqual(['PublicRead']);
    expect(analysis.publicGrants[0]!.actions).toContain('s3:ListBucket');

    const all = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
    await harness.client.putAccountPublicAccessBlock({ principal: root(OWNER), publicAccessBlock: all });
    const ignored = await authorize(bucketId, 'pub', as.anonymous(), 's3:ListBucket', '');
    expect(ignored.decision).toBe(Decision.IMPLICIT_DENY);
    expect(ignored.reasons.map((reason) => reason.setting)).toEqual(['IgnorePublicAcls']);
    const restricted = await authorize(bucketId, 'pub', as.anonymous(), 's3:GetObject', '/k', { objectOwnerId: 'x'.repeat(64), objectGrants });
    expect(restricted.decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'pub', as.root(OTHER))).decision).toBe(Decision.IMPLICIT_DENY);
    expect((await authorize(bucketId, 'pub', as.root(OWNER), 's3:PutObject')).decision).toBe(Decision.ALLOW);
    expect((await authorize(bucketId, 'pub', as.root(OWNER), 's3:GetObject')).decision).toBe(Decision.ALLOW);
    expect((await harness.client.getBucketAcl({ principal: root(OWNER), bucketId })).accessControlPolicy!.grants).toHaveLength(1);
    const neutralised = await harness.client.getBucketAccessAnalysis({ principal: root(OWNER), bucketId });
    expect(neutralised.accessLevel).toBe(AccessLevel.ONLY_AUTHORIZED_USERS_OF_THIS_ACCOUNT);
    expect(neutralised.publicStatements[0]!.neutralisedBy).toBe('RestrictPublicBuckets');
    expect(neutralised.publicGrants[0]!.neutralisedBy).toBe('IgnorePublicAcls');
    await harness.client.deleteAccountPublicAccessBlock({ principal: root(OWNER) });
    expect((await authorize(bucketId, 'pub', as.anonymous(), 's3:ListBucket', '')).decision).toBe(Decision.ALLOW);
  });

  test('access levels of fresh buckets, and proposed changes', async () => {
    const secure = await harness.bucket(OWNER, 'fresh');
    expect((await harness.client.getBucketAccessAnalysis({ principal: root(OWNER), bucketId: secure })).accessLevel).toBe(AccessLevel.NOT_PUBLIC);
    const check = await harness.client.checkProposedChange({ principal: root(OWNER), bucketId: secure, proposal: { $case: 'policy', value: publicRead('fresh') } });
    expect(check).toMatchObject({ newlyPublic: true, blockedBy: 'BlockPublicPolicy', publicStatements: [expect.objectContaining({ sid: 'PublicRead' })] });
    const cross = await harness.client.checkProposedChange({ principal: root(OWNER), bucketId: secure, proposal: { $case: 'policy', value: grantOther('fresh') } });
    expect(cross).toMatchObject({ newlyPublic: false, newlyCrossAccount: true, newExternalGrants: [expect.objectContaining({ grantee: OTHER, statementIndexes: [0] })] });
    const acl = await harness.client.checkProposedChange({ principal: root(OWNER), bucketId: secure, proposal: { $case: 'cannedAcl', value: 'public-read-write' } });
    expect(acl).toMatchObject({ newlyPublic: true, blockedBy: 'BucketOwnerEnforced' });
    expect(acl.publicGrants).toHaveLength(2);
    // As PutBucketAcl decides under BucketOwnerEnforced: only bucket-owner-full-control, or grants of the owner's full control alone.
    for (const value of ['private', 'bucket-owner-full-control']) {
      const canned = await harness.client.checkProposedChange({ principal: root(OWNER), bucketId: secure, proposal: { $case: 'cannedAcl', value } });
      expect([value, canned.blockedBy]).toEqual([value, value === 'private' ? 'BucketOwnerEnforced' : '']);
    }
    const noGrants = await harness.client.checkProposedChange({ principal: root(OWNER), bucketId: secure, proposal: { $case: 'accessControlPolicy', value: { ownerId: '', grants: [] } } });
    expect(noGrants.blockedBy).toBe('BucketOwnerEnforced');
    const old = await legacy.client.registerBucket({ bucketId: 'legacy-2', name: 'legacy2', ownerAccountId: OWNER, region: 'us-east-1' });
    expect((await harness.client.getBucketAccessAnalysis({ principal: root(OWNER), bucketId: old.bucket!.bucketId })).accessLevel).toBe(AccessLevel.OBJECTS_CAN_BE_PUBLIC);
  });

  test('another replica sees a bucket policy change within a second', async () => {
    const bucketId = await harness.bucket(OWNER, 'replicated');
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: grantOther('replicated') });
    const request = { principal: as.root(OTHER), action: 's3:GetObject', resource: 'arn:aws:s3:::replicated/k', bucketId };
    expect((await legacy.client.authorize(request)).decision).toBe(Decision.ALLOW);
    await harness.client.putBucketPolicy({ principal: root(OWNER), bucketId, policy: denyAll('replicated') });
    const changedAt = Date.now();
    while ((await legacy.client.authorize(request)).decision !== Decision.EXPLICIT_DENY) {
      expect(Date.now() - changedAt).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});
