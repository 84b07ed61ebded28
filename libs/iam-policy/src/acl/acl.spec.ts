import { PolicyError } from '../policy-error';
import type { RequestPrincipal } from '../principal';
import { aclActions } from './acl-actions';
import { expandCannedAcl, parseCannedAcl, type CannedAcl } from './canned-acl';
import { evaluateAcl, LOG_DELIVERY_SERVICE } from './evaluate-acl';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, isAclPublic, LOG_DELIVERY_URI, type Grant } from './grant';
import { grantsFromHeaders, parseGrantHeader } from './grant-header';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const owner = { id: 'owner-id' };
const bucketOwner = { id: 'bucket-owner-id' };
const ownerFull: Grant = { grantee: { type: 'CanonicalUser', id: 'owner-id' }, permission: 'FULL_CONTROL' };
const group = (uri: string, permission: Grant['permission']): Grant => ({ grantee: { type: 'Group', uri }, permission });

describe('expandCannedAcl', () => {
  it.each<[CannedAcl, Grant[]]>([
    ['private', [ownerFull]],
    ['public-read', [ownerFull, group(ALL_USERS_URI, 'READ')]],
    ['public-read-write', [ownerFull, group(ALL_USERS_URI, 'READ'), group(ALL_USERS_URI, 'WRITE')]],
    ['authenticated-read', [ownerFull, group(AUTHENTICATED_USERS_URI, 'READ')]],
    ['aws-exec-read', [ownerFull]],
    ['bucket-owner-read', [ownerFull, { grantee: { type: 'CanonicalUser', id: 'bucket-owner-id' }, permission: 'READ' }]],
    ['bucket-owner-full-control', [ownerFull, { grantee: { type: 'CanonicalUser', id: 'bucket-owner-id' }, permission: 'FULL_CONTROL' }]],
    ['log-delivery-write', [ownerFull, group(LOG_DELIVERY_URI, 'WRITE'), group(LOG_DELIVERY_URI, 'READ_ACP')]],
  ])('%s', (acl, grants) => {
    expect(expandCannedAcl(acl, { owner, bucketOwner })).toEqual(grants);
  });

  it('adds no bucket-owner grant when the object owner owns the bucket', () => {
    expect(expandCannedAcl('bucket-owner-full-control', { owner, bucketOwner: owner })).toEqual([ownerFull]);
  });

  it('gives aws-exec-read its reader when one is configured', () => {
    expect(expandCannedAcl('aws-exec-read', { owner, execReaderId: 'ec2' })[1]).toEqual({ grantee: { type: 'CanonicalUser', id: 'ec2' }, permission: 'READ' });
  });

  it('parses x-amz-acl values', () => {
    expect(parseCannedAcl('public-read')).toBe('public-read');
    expect(parseCannedAcl('public')).toBeUndefined();
  });
});

describe('grant headers', () => {
  it('parses every grantee form', () => {
    expect(parseGrantHeader('x-amz-grant-read', `id="abc", emailAddress="a@example.com", uri="${ALL_USERS_URI}"`)).toEqual([
      { type: 'CanonicalUser', id: 'abc' },
      { type: 'AmazonCustomerByEmail', emailAddress: 'a@example.com' },
      { type: 'Group', uri: ALL_USERS_URI },
    ]);
  });

  it('collects grants from all headers', () => {
    expect(grantsFromHeaders({ 'x-amz-grant-full-control': 'id=abc', 'x-amz-grant-write': `uri="${LOG_DELIVERY_URI}"` })).toEqual([
      { grantee: { type: 'Group', uri: LOG_DELIVERY_URI }, permission: 'WRITE' },
      { grantee: { type: 'CanonicalUser', id: 'abc' }, permission: 'FULL_CONTROL' },
    ]);
  });

  it.each([
    ['id', 'is not key="value"'],
    ['ID="x", foo="y"', 'unknown grantee type "foo"'],
    ['uri="http://example.com/group"', 'is not an S3 group URI'],
    ['emailAddress="nobody"', 'is not an email address'],
  ])('rejects %s', (value, detail) => {
    const error = thrownBy(() => parseGrantHeader('x-amz-grant-read', value));
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toMatchObject({ path: 'x-amz-grant-read', detail: expect.stringContaining(detail) });
  });
});

describe('aclActions', () => {
  it.each([
    ['READ', 'bucket', ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads']],
    ['READ', 'object', ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:GetObjectVersionAttributes']],
    ['WRITE', 'bucket', ['s3:PutObject', 's3:DeleteObject']],
    ['WRITE', 'object', []],
    ['READ_ACP', 'bucket', ['s3:GetBucketAcl']],
    ['READ_ACP', 'object', ['s3:GetObjectAcl', 's3:GetObjectVersionAcl']],
    ['WRITE_ACP', 'bucket', ['s3:PutBucketAcl']],
    ['WRITE_ACP', 'object', ['s3:PutObjectAcl', 's3:PutObjectVersionAcl']],
  ] as const)('%s on a %s', (permission, target, actions) => {
    expect(aclActions(permission, target)).toEqual(actions);
  });

  it('FULL_CONTROL grants everything', () => {
    expect(aclActions('FULL_CONTROL', 'object')).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:GetObjectAttributes',
      's3:GetObjectVersionAttributes',
      's3:GetObjectAcl',
      's3:GetObjectVersionAcl',
      's3:PutObjectAcl',
      's3:PutObjectVersionAcl',
    ]);
    expect(aclActions('FULL_CONTROL', 'bucket')).toContain('s3:PutBucketAcl');
  });
});

describe('evaluateAcl', () => {
  const anonymous: RequestPrincipal = { type: 'anonymous' };
  const stranger: RequestPrincipal = { type: 'aws', accountId: '999988887777', canonicalUserId: 'stranger' };
  const ownerUser: RequestPrincipal = { type: 'aws', accountId: '111122223333', canonicalUserId: 'owner-id' };
  const logger: RequestPrincipal = { type: 'service', service: LOG_DELIVERY_SERVICE };
  const publicRead = expandCannedAcl('public-read', { owner });
  const authRead = expandCannedAcl('authenticated-read', { owner });

  it.each([
    ['anonymous reads a public-read object', publicRead, anonymous, 's3:GetObject', 'object', {}, true],
    ['IgnorePublicAcls drops AllUsers', publicRead, anonymous, 's3:GetObject', 'object', { ignorePublicAcls: true }, false],
    ['anonymous cannot write a public-read object ACL', publicRead, anonymous, 's3:PutObjectAcl', 'object', {}, false],
    ['the owner has full control', publicRead, ownerUser, 's3:PutObjectAcl', 'object', { ignorePublicAcls: true }, true],
    ['anonymous is not an authenticated user', authRead, anonymous, 's3:GetObject', 'object', {}, false],
    ['any account is an authenticated user', authRead, stranger, 's3:GetObject', 'object', {}, true],
    ['IgnorePublicAcls drops AuthenticatedUsers', authRead, stranger, 's3:GetObject', 'object', { ignorePublicAcls: true }, false],
    ['bucket READ lists', publicRead, anonymous, 's3:ListBucket', 'bucket', {}, true],
    ['bucket READ does not get objects', publicRead, anonymous, 's3:GetObject', 'bucket', {}, false],
    ['LogDelivery writes logs', expandCannedAcl('log-delivery-write', { owner }), logger, 's3:PutObject', 'bucket', {}, true],
    ['LogDelivery is not everyone', expandCannedAcl('log-delivery-write', { owner }), stranger, 's3:PutObject', 'bucket', {}, false],
  ] as const)('%s', (_name, grants, principal, action, target, options, allowed) => {
    expect(evaluateAcl(grants, { principal, action, target }, options).allowed).toBe(allowed);
  });

  it('returns the grants that allowed', () => {
    expect(evaluateAcl(publicRead, { principal: anonymous, action: 's3:GetObject', target: 'object' }).grants).toEqual([group(ALL_USERS_URI, 'READ')]);
  });
});

describe('isAclPublic', () => {
  it.each([
    ['private', false],
    ['public-read', true],
    ['authenticated-read', true],
    ['log-delivery-write', false],
  ] as const)('%s', (acl, expected) => {
    expect(isAclPublic(expandCannedAcl(acl, { owner }))).toBe(expected);
  });
});
