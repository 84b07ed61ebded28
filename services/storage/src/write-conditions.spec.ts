import { policyV1, storageV1 } from '@strongroom/contracts';
import { writeConditions } from './write-conditions';

const grant = (permission: policyV1.AclPermission, grantee: Partial<policyV1.Grantee>): policyV1.Grant => ({ permission, grantee: policyV1.Grantee.fromPartial(grantee) });

describe('writeConditions', () => {
  it('names every key it answers for, absent (no values) when the write does not set it', () => {
    expect(writeConditions(undefined)).toEqual({
      's3:x-amz-server-side-encryption': [],
      's3:x-amz-server-side-encryption-aws-kms-key-id': [],
      's3:x-amz-server-side-encryption-customer-algorithm': [],
      's3:x-amz-storage-class': [],
      's3:x-amz-website-redirect-location': [],
      's3:x-amz-acl': [],
      's3:x-amz-grant-read': [],
      's3:x-amz-grant-write': [],
      's3:x-amz-grant-read-acp': [],
      's3:x-amz-grant-write-acp': [],
      's3:x-amz-grant-full-control': [],
    });
  });

  it('lists each permission`s grantees as its x-amz-grant-* header does, and what else the write sets', () => {
    const grants = [
      grant(policyV1.AclPermission.READ, { type: policyV1.GranteeType.CANONICAL_USER, id: 'a1' }),
      grant(policyV1.AclPermission.READ, { type: policyV1.GranteeType.GROUP, uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }),
      grant(policyV1.AclPermission.FULL_CONTROL, { type: policyV1.GranteeType.EMAIL, emailAddress: 'ops@example.com' }),
    ];
    const conditions = writeConditions(
      storageV1.WriteOptions.fromPartial({
        acl: { acl: { $case: 'accessControlPolicy', value: { ownerId: 'o', ownerDisplayName: '', grants } } },
        sseAlgorithm: storageV1.SseAlgorithm.AWS_KMS,
        kmsKeyId: 'alias/app',
        storageClass: 'STANDARD_IA',
        headers: { websiteRedirectLocation: '/elsewhere' },
      }),
    );
    expect(conditions).toMatchObject({
      's3:x-amz-grant-read': 'id=a1, uri=http://acs.amazonaws.com/groups/global/AllUsers',
      's3:x-amz-grant-full-control': 'emailAddress=ops@example.com',
      's3:x-amz-grant-write': [],
      's3:x-amz-acl': [],
      's3:x-amz-server-side-encryption': 'aws:kms',
      's3:x-amz-server-side-encryption-aws-kms-key-id': 'alias/app',
      's3:x-amz-storage-class': 'STANDARD_IA',
      's3:x-amz-website-redirect-location': '/elsewhere',
    });
  });
});
