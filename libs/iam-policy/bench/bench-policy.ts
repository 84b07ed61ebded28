import type { EvaluationRequest } from '../src';

/** The bucket the bench policy governs. */
export const BENCH_BUCKET_NAME = 'bench-bucket';

const BUCKET = `arn:aws:s3:::${BENCH_BUCKET_NAME}`;

/**
 * A 10-statement bucket policy that exercises every hot path: principals,
 * wildcards, variables and conditions. It is public (statement PublicRead),
 * so a service only accepts it with BlockPublicPolicy off.
 */
export const BENCH_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Sid: 'DenyNoKms', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
    { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/public/*` },
    { Sid: 'Office', Effect: 'Allow', Principal: '*', Action: ['s3:Get*', 's3:List*'], Resource: [BUCKET, `${BUCKET}/*`], Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } } },
    { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: ['111122223333', 'arn:aws:iam::444455556666:role/reader'] }, Action: 's3:GetObject', Resource: `${BUCKET}/shared/*` },
    { Sid: 'Home', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:*Object', Resource: `${BUCKET}/home/\${aws:username}/*` },
    { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
    { Sid: 'Window', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } },
    { Sid: 'Tags', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } } },
    { Sid: 'Vpce', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${BUCKET}/*`, Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } },
  ],
};

/**
 * A request {@link BENCH_POLICY} allows (statement Home) after evaluating the
 * conditions of DenyInsecure, Office, Org and Tags: user alice of the
 * account that statement names reads an object under her home prefix.
 */
export const BENCH_REQUEST: EvaluationRequest = {
  principal: { type: 'aws', accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice' },
  action: 's3:GetObject',
  resource: `${BUCKET}/home/alice/notes.txt`,
  context: {
    'aws:SecureTransport': 'true',
    'aws:SourceIp': '198.51.100.7',
    'aws:CurrentTime': '2026-05-01T12:00:00Z',
    'aws:username': 'alice',
    'aws:PrincipalAccount': '123456789012',
    's3:ExistingObjectTag/classification': 'internal',
  },
};
