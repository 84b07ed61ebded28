import { ErrorReason, policyV1, storageV1 } from '@strongroom/contracts';
import { as, createBucket, expectReason, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

describe('storage buckets: naming, ownership, registration with policy, listing, versioning, tagging', () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness();
  });
  afterAll(() => harness.close());

  test('CreateBucket and GetBucket: an immutable id shared with policy, this region, BucketOwnerEnforced by default', async () => {
    const bucket = await createBucket(harness.client, 'alpha-bucket');
    expect(bucket).toMatchObject({ name: 'alpha-bucket', ownerAccountId: OWNER, region: 'us-east-1', versioning: storageV1.VersioningStatus.UNSPECIFIED });
    expect(bucket.bucketId).toMatch(/^[0-9a-f-]{36}$/);
    const { bucket: got } = await harness.client.getBucket({ requester: as.root(OWNER), bucket: 'alpha-bucket' });
    expect(got).toEqual({ ...bucket, ownerAccountId: '', creationDate: undefined });
    const ownership = await harness.policy.getBucketOwnershipControls({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket.bucketId });
    expect(ownership.objectOwnership).toBe(policyV1.ObjectOwnership.BUCKET_OWNER_ENFORCED);
    await createBucket(harness.client, 'alpha-west');
  });

  test('bad names, taken names, wrong regions and callers who may not create', async () => {
    for (const name of ['ab', 'UPPER', 'a..b', '-dash', 'dash-', '192.168.1.1', 'xn--abc', 'name-s3alias', 'a'.repeat(64), 'under_score']) {
      await expectReason(createBucket(harness.client, name), ErrorReason.INVALID_BUCKET_NAME);
    }
    await createBucket(harness.client, 'taken-bucket');
    await expectReason(createBucket(harness.client, 'taken-bucket'), ErrorReason.BUCKET_ALREADY_OWNED_BY_YOU);
    await expectReason(harness.client.createBucket({ requester: as.root(OTHER), bucket: 'taken-bucket' }), ErrorReason.BUCKET_ALREADY_EXISTS);
    await expectReason(createBucket(harness.client, 'far-away', { locationConstraint: 'eu-west-1' }), ErrorReason.ILLEGAL_LOCATION_CONSTRAINT);
    await expectReason(harness.client.createBucket({ requester: as.anonymous(), bucket: 'anon-bucket' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.ownerOnlyClient.createBucket({ requester: as.root(OTHER), bucket: 'not-mine' }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(harness.ownerOnlyClient.getBucket({ requester: as.anonymous(), bucket: 'taken-bucket' }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    await expectReason(harness.client.createBucket({ bucket: 'no-requester' }), ErrorReason.INVALID_ARGUMENT);
  });

  test('LocationConstraint: none, or this region by name (EU for eu-west-1); us-east-1 is never named; what is not a region name is INVALID_LOCATION_CONSTRAINT', async () => {
    await expectReason(createBucket(harness.client, 'named-east', { locationConstraint: 'us-east-1' }), ErrorReason.INVALID_LOCATION_CONSTRAINT);
    await expectReason(createBucket(harness.client, 'bogus-place', { locationConstraint: 'bogus' }), ErrorReason.INVALID_LOCATION_CONSTRAINT);
    await expectReason(createBucket(harness.client, 'elsewhere', { locationConstraint: 'eu-central-1' }), ErrorReason.ILLEGAL_LOCATION_CONSTRAINT);
    await expectReason(createBucket(harness.client, 'in-europe', { locationConstraint: 'EU' }), ErrorReason.ILLEGAL_LOCATION_CONSTRAINT);
    await expectReason(createBucket(harness.client, 'lower-eu', { locationConstraint: 'eu' }), ErrorReason.INVALID_LOCATION_CONSTRAINT);
    const west = await harness.startReplica({ region: 'eu-west-1' });
    try {
      const { bucket } = await west.client.createBucket({ requester: as.root(OWNER), bucket: 'in-the-west', locationConstraint: 'eu-west-1' });
      expect(bucket?.region).toBe('eu-west-1');
      const { bucket: legacy } = await west.client.createBucket({ requester: as.root(OWNER), bucket: 'in-europe', locationConstraint: 'EU' });
      expect(legacy?.region).toBe('eu-west-1');
      await expectReason(west.client.createBucket({ requester: as.root(OWNER), bucket: 'named-east', locationConstraint: 'us-east-1' }), ErrorReason.INVALID_LOCATION_CONSTRAINT);
      await expectReason(west.client.createBucket({ requester: as.root(OWNER), bucket: 'elsewhere', locationConstraint: 'eu-central-1' }), ErrorReason.ILLEGAL_LOCATION_CONSTRAINT);
    } finally {
      await west.close();
    }
    for (const name of ['named-east', 'bogus-place', 'elsewhere', 'lower-eu']) {
      await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: name }), ErrorReason.BUCKET_NOT_FOUND);
    }
  });

  test('an ACL beyond the owner\'s at creation, with BucketOwnerEnforced, is INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP and leaves no bucket', async () => {
    await createBucket(harness.client, 'enforced-private', { acl: { acl: { $case: 'cannedAcl', value: 'private' } } });
    await expectReason(
      createBucket(harness.client, 'enforced-public', { acl: { acl: { $case: 'cannedAcl', value: 'public-read' } } }),
      ErrorReason.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP,
    );
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'enforced-public' }), ErrorReason.BUCKET_NOT_FOUND);
  });

  test('ResolveBucket: the id for a policy-kept setting, authorized as that action alone; a missing bucket is BUCKET_NOT_FOUND to anyone', async () => {
    const bucket = await createBucket(harness.client, 'resolved-bucket');
    const ownerRoot = { accountId: OWNER, arn: '' };
    await harness.policy.createUser({ principal: ownerRoot, userName: 'status-reader' });
    const statusOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetBucketPolicyStatus', Resource: 'arn:aws:s3:::resolved-bucket' }],
    });
    await harness.policy.putUserPolicy({ principal: ownerRoot, userName: 'status-reader', policyName: 'status-only', policyDocument: statusOnly });
    const reader = as.user(OWNER, 'status-reader');
    const resolve = (requester: storageV1.Requester, action: string, name = 'resolved-bucket') => harness.client.resolveBucket({ requester, bucket: name, action });
    expect(await resolve(reader, 's3:GetBucketPolicyStatus')).toEqual({ bucketId: bucket.bucketId });
    await expectReason(harness.client.getBucket({ requester: reader, bucket: 'resolved-bucket' }), ErrorReason.ACCESS_DENIED);
    await expectReason(resolve(reader, 's3:GetBucketPolicy'), ErrorReason.ACCESS_DENIED);
    await expectReason(resolve(as.root(OTHER), 's3:GetBucketAcl'), ErrorReason.ACCESS_DENIED);
    await expectReason(resolve(as.anonymous(), 's3:GetBucketAcl'), ErrorReason.ACCESS_DENIED);
    expect(await resolve(as.root(OWNER), 's3:PutBucketPolicy')).toEqual({ bucketId: bucket.bucketId });
    for (const requester of [reader, as.root(OTHER), as.anonymous()]) {
      await expectReason(resolve(requester, 's3:GetBucketPolicyStatus', 'no-such-bucket'), ErrorReason.BUCKET_NOT_FOUND);
    }
    for (const action of ['s3:ListBucket', 's3:GetObject', 's3:GetBucketVersioning', '']) {
      await expectReason(resolve(as.root(OWNER), action), ErrorReason.INVALID_ARGUMENT);
    }
    await expectReason(resolve({ ...as.root(OWNER), expectedBucketOwners: [{ bucket: 'resolved-bucket', accountId: OTHER }] }, 's3:GetBucketAcl'), ErrorReason.BUCKET_OWNER_MISMATCH);
  });

  test('ResolveBucket: the reads of configurations Strongroom does not keep, each authorized as its own action, without the owner-management exemption', async () => {
    const unkeptReads = [
      's3:GetBucketCORS',
      's3:GetBucketWebsite',
      's3:GetLifecycleConfiguration',
      's3:GetReplicationConfiguration',
      's3:GetBucketObjectLockConfiguration',
      's3:GetBucketRequestPayment',
      's3:GetAccelerateConfiguration',
      's3:GetBucketLogging',
      's3:GetBucketNotification',
      's3:GetInventoryConfiguration',
      's3:GetAnalyticsConfiguration',
      's3:GetMetricsConfiguration',
      's3:GetIntelligentTieringConfiguration',
    ];
    const bucket = await createBucket(harness.client, 'unkept-settings');
    const ownerRoot = { accountId: OWNER, arn: '' };
    const resolve = (requester: storageV1.Requester, action: string, name = 'unkept-settings') => harness.client.resolveBucket({ requester, bucket: name, action });
    for (const action of unkeptReads) {
      expect(await resolve(as.root(OWNER), action)).toEqual({ bucketId: bucket.bucketId });
      await expectReason(resolve(as.root(OTHER), action), ErrorReason.ACCESS_DENIED);
      await expectReason(resolve(as.anonymous(), action), ErrorReason.ACCESS_DENIED);
      for (const requester of [as.root(OWNER), as.root(OTHER), as.anonymous()]) {
        await expectReason(resolve(requester, action, 'no-such-bucket'), ErrorReason.BUCKET_NOT_FOUND);
      }
    }

    await harness.policy.createUser({ principal: ownerRoot, userName: 'cors-reader' });
    const corsOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetBucketCORS', Resource: 'arn:aws:s3:::unkept-settings' }] });
    await harness.policy.putUserPolicy({ principal: ownerRoot, userName: 'cors-reader', policyName: 'cors-only', policyDocument: corsOnly });
    expect(await resolve(as.user(OWNER, 'cors-reader'), 's3:GetBucketCORS')).toEqual({ bucketId: bucket.bucketId });
    await expectReason(resolve(as.user(OWNER, 'cors-reader'), 's3:GetBucketWebsite'), ErrorReason.ACCESS_DENIED);

    const partnerReadsLogging = { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetBucketLogging', Resource: 'arn:aws:s3:::unkept-settings' };
    const ownerDenied = { Effect: 'Deny', Principal: { AWS: OWNER }, Action: 's3:*', Resource: 'arn:aws:s3:::unkept-settings' };
    await harness.policy.putBucketPolicy({ principal: ownerRoot, bucketId: bucket.bucketId, policy: JSON.stringify({ Version: '2012-10-17', Statement: [partnerReadsLogging, ownerDenied] }) });
    expect(await resolve(as.root(OTHER), 's3:GetBucketLogging')).toEqual({ bucketId: bucket.bucketId });
    await expectReason(resolve(as.root(OTHER), 's3:GetBucketCORS'), ErrorReason.ACCESS_DENIED);
    await expectReason(resolve(as.root(OWNER), 's3:GetBucketCORS'), ErrorReason.ACCESS_DENIED);
    expect(await resolve(as.root(OWNER), 's3:GetBucketPolicy')).toEqual({ bucketId: bucket.bucketId });

    for (const action of ['s3:PutBucketCORS', 's3:PutLifecycleConfiguration', 's3:DeleteBucketWebsite', 's3:PutBucketRequestPayment']) {
      await expectReason(resolve(as.root(OWNER), action), ErrorReason.INVALID_ARGUMENT);
    }
  });

  test('tags at creation are checked as PutBucketTagging checks them, once s3:TagResource besides s3:CreateBucket allows them', async () => {
    const ownerRoot = { accountId: OWNER, arn: '' };
    await harness.policy.createUser({ principal: ownerRoot, userName: 'creator' });
    const createOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:CreateBucket', Resource: '*' }] });
    await harness.policy.putUserPolicy({ principal: ownerRoot, userName: 'creator', policyName: 'create-only', policyDocument: createOnly });
    const tags = [{ key: 'team', value: 'x' }];
    await expectReason(harness.client.createBucket({ requester: as.user(OWNER, 'creator'), bucket: 'tagged-denied', tags }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.createBucket({ requester: as.user(OWNER, 'creator'), bucket: 'tagged-denied', tags: [{ key: 'aws:team', value: 'x' }] }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'tagged-denied' }), ErrorReason.BUCKET_NOT_FOUND);
    await harness.client.createBucket({ requester: as.user(OWNER, 'creator'), bucket: 'untagged-allowed' });
    await expectReason(harness.client.createBucket({ requester: as.root(OWNER), bucket: 'tagged-bad', tags: [{ key: 'aws:team', value: 'x' }] }), ErrorReason.INVALID_TAG);
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'tagged-bad' }), ErrorReason.BUCKET_NOT_FOUND);
    await harness.client.createBucket({ requester: as.root(OWNER), bucket: 'tagged', tags });
    expect((await harness.client.getBucketTagging({ requester: as.root(OWNER), bucket: 'tagged' })).tags).toEqual(tags);
  });

  test('a user without an identity policy may not create a bucket, and the name stays free', async () => {
    await harness.policy.createUser({ principal: { accountId: OWNER, arn: '' }, userName: 'dave' });
    await expectReason(harness.client.createBucket({ requester: as.user(OWNER, 'dave'), bucket: 'daves-bucket' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'daves-bucket' }), ErrorReason.BUCKET_NOT_FOUND);
    await createBucket(harness.client, 'daves-bucket');
  });

  test('ownership and ACL at creation go to policy, checked there: a public ACL under Block Public Access leaves no bucket', async () => {
    const bucket = await createBucket(harness.client, 'writer-owned', { objectOwnership: policyV1.ObjectOwnership.OBJECT_WRITER, acl: { acl: { $case: 'cannedAcl', value: 'private' } } });
    const ownership = await harness.policy.getBucketOwnershipControls({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket.bucketId });
    expect(ownership.objectOwnership).toBe(policyV1.ObjectOwnership.OBJECT_WRITER);
    await expectReason(
      createBucket(harness.client, 'public-attempt', { objectOwnership: policyV1.ObjectOwnership.OBJECT_WRITER, acl: { acl: { $case: 'cannedAcl', value: 'public-read' } } }),
      ErrorReason.INVALID_BUCKET_ACL_WITH_BLOCK_PUBLIC_ACCESS,
    );
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'public-attempt' }), ErrorReason.BUCKET_NOT_FOUND);
  });

  test('another account is denied without a bucket policy; unknown buckets are BUCKET_NOT_FOUND', async () => {
    await createBucket(harness.client, 'private-bucket');
    await expectReason(harness.client.getBucket({ requester: as.root(OTHER), bucket: 'private-bucket' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.getBucket({ requester: as.anonymous(), bucket: 'private-bucket' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'no-such-bucket' }), ErrorReason.BUCKET_NOT_FOUND);
  });

  test('ListBuckets: the account root lists its own buckets by name, in pages', async () => {
    await harness.client.createBucket({ requester: as.root(OTHER), bucket: 'other-1' });
    await harness.client.createBucket({ requester: as.root(OTHER), bucket: 'other-2' });
    await harness.client.createBucket({ requester: as.root(OTHER), bucket: 'other-3' });
    const all = await harness.client.listBuckets({ requester: as.root(OTHER) });
    expect(all.buckets.map((b) => b.name)).toEqual(['other-1', 'other-2', 'other-3']);
    expect(all.owner?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(all.continuationToken).toBe('');
    const first = await harness.client.listBuckets({ requester: as.root(OTHER), maxBuckets: 2 });
    expect(first.buckets.map((b) => b.name)).toEqual(['other-1', 'other-2']);
    const second = await harness.client.listBuckets({ requester: as.root(OTHER), maxBuckets: 2, continuationToken: first.continuationToken });
    expect(second.buckets.map((b) => b.name)).toEqual(['other-3']);
    expect(second.continuationToken).toBe('');
    const prefixed = await harness.client.listBuckets({ requester: as.root(OWNER), prefix: 'alpha-' });
    expect(prefixed.buckets.map((b) => b.name)).toEqual(['alpha-bucket', 'alpha-west']);
    await expectReason(harness.client.listBuckets({ requester: as.anonymous() }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.listBuckets({ requester: as.user(OWNER, 'dave') }), ErrorReason.ACCESS_DENIED);
  });

  test('ListBuckets: a bucket_region that is not a region name is INVALID_ARGUMENT; a region name lists that region\'s buckets only', async () => {
    await harness.client.createBucket({ requester: as.root(OTHER), bucket: 'region-listed' });
    await expectReason(harness.client.listBuckets({ requester: as.root(OTHER), bucketRegion: 'Mars' }), ErrorReason.INVALID_ARGUMENT);
    const here = await harness.client.listBuckets({ requester: as.root(OTHER), bucketRegion: 'us-east-1' });
    expect(here.buckets.map((b) => b.name)).toEqual(expect.arrayContaining(['region-listed']));
    const elsewhere = await harness.client.listBuckets({ requester: as.root(OTHER), bucketRegion: 'eu-west-3' });
    expect(elsewhere.buckets).toEqual([]);
  });

  test('ListBuckets without a page size lists S3\'s default page of 10,000 and a continuation token, never a bucket too many or a silent end', async () => {
    const names = "'many-' || lpad(n::text, 5, '0')";
    await harness.database.pool.query(`INSERT INTO storage.buckets (bucket_id, name, owner_account_id, region) SELECT gen_random_uuid(), ${names}, $1, 'us-east-1' FROM generate_series(1, 10002) n`, [OTHER]);
    try {
      const first = await harness.client.listBuckets({ requester: as.root(OTHER), prefix: 'many-' });
      expect([first.buckets.length, first.buckets[9_999]?.name, first.continuationToken]).toEqual([10_000, 'many-10000', 'many-10000']);
      const rest = await harness.client.listBuckets({ requester: as.root(OTHER), prefix: 'many-', continuationToken: first.continuationToken });
      expect([rest.buckets.map((b) => b.name), rest.continuationToken]).toEqual([['many-10001', 'many-10002'], '']);
    } finally {
      await harness.database.pool.query("DELETE FROM storage.buckets WHERE name LIKE 'many-%'");
    }
  });

  test('ListBuckets: an IAM user lists its account\'s buckets when an identity policy allows s3:ListAllMyBuckets; otherwise ACCESS_DENIED', async () => {
    const ownerRoot = { accountId: OWNER, arn: '' };
    const allow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] });
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:ListAllMyBuckets', Resource: '*' }] });
    await harness.policy.createUser({ principal: ownerRoot, userName: 'erin' });
    await expectReason(harness.client.listBuckets({ requester: as.user(OWNER, 'erin') }), ErrorReason.ACCESS_DENIED);
    await harness.policy.putUserPolicy({ principal: ownerRoot, userName: 'erin', policyName: 'list-buckets', policyDocument: allow });

    await createBucket(harness.client, 'listed-versioned');
    await harness.client.putBucketVersioning({ requester: as.root(OWNER), bucket: 'listed-versioned', status: storageV1.VersioningStatus.ENABLED });
    const byUser = await harness.client.listBuckets({ requester: as.user(OWNER, 'erin') });
    const byRoot = await harness.client.listBuckets({ requester: as.root(OWNER) });
    // S3 lists name, creation date and region; the versioning state is GetBucketVersioning's, which erin may not call.
    expect(byUser.buckets.find((b) => b.name === 'listed-versioned')?.versioning).toBe(storageV1.VersioningStatus.UNSPECIFIED);
    await expectReason(harness.client.getBucketVersioning({ requester: as.user(OWNER, 'erin'), bucket: 'listed-versioned' }), ErrorReason.ACCESS_DENIED);
    expect(byUser.buckets.map((b) => b.name)).toEqual(byRoot.buckets.map((b) => b.name));
    expect(byUser.buckets.map((b) => b.name)).toEqual(expect.arrayContaining(['alpha-bucket', 'alpha-west']));
    expect(byUser.buckets.every((b) => b.ownerAccountId === OWNER)).toBe(true);
    expect(byUser.owner).toEqual(byRoot.owner);
    const paged = await harness.client.listBuckets({ requester: as.user(OWNER, 'erin'), prefix: 'alpha-', maxBuckets: 1 });
    expect(paged.buckets.map((b) => b.name)).toEqual(['alpha-bucket']);

    await harness.policy.putUserPolicy({ principal: ownerRoot, userName: 'erin', policyName: 'no-listing', policyDocument: deny });
    await expectReason(harness.client.listBuckets({ requester: as.user(OWNER, 'erin') }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.listBuckets({ requester: as.user(OWNER, 'nobody-here') }), ErrorReason.ACCESS_DENIED);
  });

  test('DeleteBucket: only when empty; the policy service forgets it; the name can be taken again with a new id', async () => {
    const bucket = await createBucket(harness.client, 'short-lived');
    await putObject(harness.client, 'short-lived', 'k', Buffer.from('x'));
    await expectReason(harness.client.deleteBucket({ requester: as.root(OWNER), bucket: 'short-lived' }), ErrorReason.BUCKET_NOT_EMPTY);
    await expectReason(harness.client.deleteBucket({ requester: as.root(OTHER), bucket: 'short-lived' }), ErrorReason.ACCESS_DENIED);
    await harness.client.deleteObject({ requester: as.root(OWNER), bucket: 'short-lived', key: 'k' });
    await harness.client.deleteBucket({ requester: as.root(OWNER), bucket: 'short-lived' });
    await expectReason(harness.client.getBucket({ requester: as.root(OWNER), bucket: 'short-lived' }), ErrorReason.BUCKET_NOT_FOUND);
    await expectReason(harness.policy.getBucketOwnershipControls({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket.bucketId }), ErrorReason.BUCKET_NOT_FOUND);
    const again = await harness.client.createBucket({ requester: as.root(OTHER), bucket: 'short-lived' });
    expect(again.bucket?.bucketId).not.toBe(bucket.bucketId);
    expect(again.bucket?.ownerAccountId).toBe(OTHER);
  });

  test('PutBucketVersioning: Enabled, then Suspended; never back to unversioned', async () => {
    await createBucket(harness.client, 'versioned-bucket');
    const put = (status: storageV1.VersioningStatus) => harness.client.putBucketVersioning({ requester: as.root(OWNER), bucket: 'versioned-bucket', status });
    const status = (requester = as.root(OWNER)) => harness.client.getBucketVersioning({ requester, bucket: 'versioned-bucket' }).then((r) => r.status);
    expect(await status()).toBe(storageV1.VersioningStatus.UNSPECIFIED);
    await put(storageV1.VersioningStatus.ENABLED);
    expect(await status()).toBe(storageV1.VersioningStatus.ENABLED);
    await put(storageV1.VersioningStatus.SUSPENDED);
    expect(await status()).toBe(storageV1.VersioningStatus.SUSPENDED);
    await expectReason(put(storageV1.VersioningStatus.UNSPECIFIED), ErrorReason.INVALID_ARGUMENT);
    await expectReason(
      harness.client.putBucketVersioning({ requester: as.root(OTHER), bucket: 'versioned-bucket', status: storageV1.VersioningStatus.ENABLED }),
      ErrorReason.ACCESS_DENIED,
    );
    const { bucket } = await harness.client.getBucket({ requester: as.root(OWNER), bucket: 'versioned-bucket' });
    const listOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::versioned-bucket' }],
    });
    await harness.policy.putBucketPolicy({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket!.bucketId, policy: listOnly });
    // GetBucket is S3's HeadBucket: a list-only requester learns the bucket's id, name and region, not its owner, age or versioning.
    expect((await harness.client.getBucket({ requester: as.root(OTHER), bucket: 'versioned-bucket' })).bucket).toEqual({
      bucketId: bucket!.bucketId,
      name: 'versioned-bucket',
      region: 'us-east-1',
      ownerAccountId: '',
      creationDate: undefined,
      versioning: storageV1.VersioningStatus.UNSPECIFIED,
    });
    expect(await harness.client.getBucketLocation({ requester: as.root(OTHER), bucket: 'versioned-bucket' })).toEqual({ region: 'us-east-1' });
    await expectReason(status(as.root(OTHER)), ErrorReason.ACCESS_DENIED);
  });

  test('bucket tagging: put, get, delete; NO_SUCH_TAG_SET; INVALID_TAG', async () => {
    await createBucket(harness.client, 'tagged-bucket');
    const requester = as.root(OWNER);
    await expectReason(harness.client.getBucketTagging({ requester, bucket: 'tagged-bucket' }), ErrorReason.NO_SUCH_TAG_SET);
    await harness.client.putBucketTagging({ requester, bucket: 'tagged-bucket', tags: [{ key: 'team', value: 'storage' }, { key: 'cost center', value: '' }] });
    expect((await harness.client.getBucketTagging({ requester, bucket: 'tagged-bucket' })).tags).toEqual([{ key: 'team', value: 'storage' }, { key: 'cost center', value: '' }]);
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await expectReason(harness.client.putBucketTagging({ requester, bucket: 'tagged-bucket', tags: many }), ErrorReason.INVALID_TAG);
    await expectReason(harness.client.putBucketTagging({ requester, bucket: 'tagged-bucket', tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }), ErrorReason.INVALID_TAG);
    await expectReason(harness.client.putBucketTagging({ requester, bucket: 'tagged-bucket', tags: [{ key: 'aws:x', value: '1' }] }), ErrorReason.INVALID_TAG);
    await expectReason(harness.client.putBucketTagging({ requester, bucket: 'tagged-bucket', tags: [{ key: 'a', value: 'x'.repeat(257) }] }), ErrorReason.INVALID_TAG);
    await expectReason(harness.client.getBucketTagging({ requester: as.root(OTHER), bucket: 'tagged-bucket' }), ErrorReason.ACCESS_DENIED);
    await harness.client.deleteBucketTagging({ requester, bucket: 'tagged-bucket' });
    await expectReason(harness.client.getBucketTagging({ requester, bucket: 'tagged-bucket' }), ErrorReason.NO_SUCH_TAG_SET);
  });
});
