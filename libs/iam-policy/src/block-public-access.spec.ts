import { expandCannedAcl } from './acl/canned-acl';
import {
  checkBlockPublicAccess,
  effectiveAclGrants,
  mergePublicAccessBlocks,
  NO_PUBLIC_ACCESS_BLOCK,
  restrictsPublicBucket,
  type PublicAccessBlock,
} from './block-public-access';
import { parsePolicy } from './policy';

const OWNER = '111122223333';
const all: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const publicPolicy = parsePolicy({ Version: '2012-10-17', Statement: [{ Sid: 'P', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const privatePolicy = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OWNER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

describe('checkBlockPublicAccess', () => {
  it('BlockPublicAcls rejects a public ACL and names the grants', () => {
    const grants = expandCannedAcl('public-read', { owner: { id: 'o' } });
    expect(checkBlockPublicAccess(all, { type: 'acl', grants })).toEqual({ blocked: true, setting: 'BlockPublicAcls', grants: [grants[1]] });
    expect(checkBlockPublicAccess(NO_PUBLIC_ACCESS_BLOCK, { type: 'acl', grants })).toEqual({ blocked: false });
  });

  it('BlockPublicAcls accepts a private ACL', () => {
    expect(checkBlockPublicAccess(all, { type: 'acl', grants: expandCannedAcl('private', { owner: { id: 'o' } }) })).toEqual({ blocked: false });
  });

  it('BlockPublicPolicy rejects a public policy with reasons', () => {
    const result = checkBlockPublicAccess(all, { type: 'policy', policy: publicPolicy });
    expect(result.blocked && result.setting).toBe('BlockPublicPolicy');
    expect(checkBlockPublicAccess(all, { type: 'policy', policy: privatePolicy })).toEqual({ blocked: false });
    expect(checkBlockPublicAccess({ ...all, blockPublicPolicy: false }, { type: 'policy', policy: publicPolicy })).toEqual({ blocked: false });
  });
});

describe('effectiveAclGrants', () => {
  it('drops public grants only with IgnorePublicAcls', () => {
    const grants = expandCannedAcl('public-read-write', { owner: { id: 'o' } });
    expect(effectiveAclGrants(all, grants)).toHaveLength(1);
    expect(effectiveAclGrants(NO_PUBLIC_ACCESS_BLOCK, grants)).toHaveLength(3);
  });
});

describe('restrictsPublicBucket', () => {
  it.each([
    ['anonymous on a public policy', true, { type: 'anonymous' }, true],
    ['another account on a public policy', true, { type: 'aws', accountId: '999988887777' }, true],
    ['the owner account survives', true, { type: 'aws', accountId: OWNER }, false],
    ['service principals survive', true, { type: 'service', service: 'logging.s3.amazonaws.com' }, false],
    ['no effect when the policy is not public', false, { type: 'anonymous' }, false],
  ] as const)('%s', (_name, isPublic, principal, expected) => {
    expect(restrictsPublicBucket(all, isPublic, principal, OWNER)).toBe(expected);
    expect(restrictsPublicBucket(NO_PUBLIC_ACCESS_BLOCK, isPublic, principal, OWNER)).toBe(false);
  });
});

describe('mergePublicAccessBlocks', () => {
  it('takes the most restrictive of each flag', () => {
    expect(mergePublicAccessBlocks({ blockPublicAcls: true }, undefined, { restrictPublicBuckets: true, blockPublicAcls: false })).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
  });
});
