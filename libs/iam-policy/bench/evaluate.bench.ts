import { evaluate, parsePolicy, type EvaluationRequest } from '../src';

const BUCKET = 'arn:aws:s3:::bench-bucket';

/** A 10-statement bucket policy that exercises every hot path: principals, wildcards, variables and conditions. */
const POLICY = {
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

const REQUEST: EvaluationRequest = {
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

/**
 * Measures how many times per second one core evaluates a parsed 10-statement
 * policy with conditions (the aim is at least 200,000). Called by the
 * project's bench runner through tsx.
 */
export async function benchPolicyEvaluation(): Promise<{ opsPerSecond: number }> {
  const policy = parsePolicy(POLICY);
  for (let i = 0; i < 20_000; i++) evaluate(policy, REQUEST);
  const iterations = 500_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) evaluate(policy, REQUEST);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await Promise.resolve();
  return { opsPerSecond: Math.round(iterations / seconds) };
}
