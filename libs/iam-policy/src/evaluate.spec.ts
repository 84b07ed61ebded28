import { evaluate, evaluateAll, type EvaluationRequest } from './evaluate';
import { parsePolicy } from './policy';
import type { RequestPrincipal } from './principal';

const OWNER = '111122223333';
const PARTNER = '444455556666';
const BUCKET = 'arn:aws:s3:::docs';

const alice: RequestPrincipal = { type: 'aws', accountId: OWNER, arn: `arn:aws:iam::${OWNER}:user/alice`, canonicalUserId: 'c0ffee' };
const partnerRole: RequestPrincipal = {
  type: 'aws',
  accountId: PARTNER,
  arn: `arn:aws:sts::${PARTNER}:assumed-role/reader/session-1`,
  roleArn: `arn:aws:iam::${PARTNER}:role/reader`,
};
const ownerRoot: RequestPrincipal = { type: 'aws', accountId: OWNER, arn: `arn:aws:iam::${OWNER}:root` };
const anonymous: RequestPrincipal = { type: 'anonymous' };
const cloudfront: RequestPrincipal = { type: 'service', service: 'cloudfront.amazonaws.com' };

const request = (principal: RequestPrincipal, action: string, key?: string, context: EvaluationRequest['context'] = {}): EvaluationRequest => ({
  principal,
  action,
  resource: key === undefined ? BUCKET : `${BUCKET}/${key}`,
  context,
});

const policy = parsePolicy({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/public/*` },
    { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:role/reader` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/shared/*`] },
    { Sid: 'Home', Effect: 'Allow', Principal: { AWS: OWNER }, Action: 's3:*', Resource: `${BUCKET}/home/\${aws:username}/*` },
    { Sid: 'Cdn', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` },
    { Sid: 'Canonical', Effect: 'Allow', Principal: { CanonicalUser: 'c0ffee' }, Action: 's3:GetObjectAcl', Resource: `${BUCKET}/*` },
    { Sid: 'NoDeletes', Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 's3:Delete*', Resource: `${BUCKET}/*` },
    { Sid: 'OnlyReads', Effect: 'Deny', Principal: { AWS: PARTNER }, NotAction: ['s3:Get*', 's3:List*'], Resource: '*' },
    { Sid: 'NotSecret', Effect: 'Allow', Principal: { AWS: OWNER }, Action: 's3:PutObject', NotResource: `${BUCKET}/secret/*` },
  ],
});

type Row = readonly [string, EvaluationRequest, 'allow' | 'deny' | 'no-match', readonly string[]];

const rows: readonly Row[] = [
  ['anonymous reads public/', request(anonymous, 's3:GetObject', 'public/logo.png'), 'allow', ['PublicRead']],
  ['anonymous cannot read elsewhere', request(anonymous, 's3:GetObject', 'shared/a'), 'no-match', []],
  ['actions are case-insensitive', request(anonymous, 'S3:getobject', 'public/logo.png'), 'allow', ['PublicRead']],
  ['resources are case-sensitive', request(anonymous, 's3:GetObject', 'Public/logo.png'), 'no-match', []],
  ['a role principal matches its sessions', request(partnerRole, 's3:ListBucket'), 'allow', ['Partner']],
  ['the partner reads shared/ and public/', request(partnerRole, 's3:GetObject', 'shared/x'), 'allow', ['Partner']],
  ['NotAction denies the partner anything but reads', request(partnerRole, 's3:PutObject', 'shared/x'), 'deny', ['OnlyReads']],
  ['NotPrincipal denies deletes to all but the owner account', request(partnerRole, 's3:DeleteObject', 'shared/x'), 'deny', ['NoDeletes', 'OnlyReads']],
  ['the owner account root is exempt from the NotPrincipal deny', request(ownerRoot, 's3:DeleteObject', 'home/a'), 'no-match', []],
  ['naming the account alone in NotPrincipal does not exempt its users', request(alice, 's3:DeleteObject', 'home/alice/a', { 'aws:username': 'alice' }), 'deny', ['NoDeletes']],
  ['home folder by ${aws:username}', request(alice, 's3:GetObject', 'home/alice/cv.pdf', { 'aws:username': 'alice' }), 'allow', ['Home']],
  ['not another home folder', request(alice, 's3:GetObject', 'home/bob/cv.pdf', { 'aws:username': 'alice' }), 'no-match', []],
  ['no username, no home folder', request(alice, 's3:GetObject', 'home/alice/cv.pdf'), 'no-match', []],
  ['service principal', request(cloudfront, 's3:GetObject', 'any/thing'), 'allow', ['Cdn']],
  ['canonical user principal', request(alice, 's3:GetObjectAcl', 'x'), 'allow', ['Canonical']],
  ['NotResource allows puts outside secret/', request(alice, 's3:PutObject', 'notes/a'), 'allow', ['NotSecret']],
  ['NotResource excludes secret/', request(alice, 's3:PutObject', 'secret/a'), 'no-match', []],
  ['several allows are all listed', request(alice, 's3:PutObject', 'home/alice/a', { 'aws:username': 'alice' }), 'allow', ['Home', 'NotSecret']],
];

describe('evaluate', () => {
  it.each(rows)('%s', (_name, req, decision, sids) => {
    const result = evaluate(policy, req);
    expect(result.decision).toBe(decision);
    expect(result.matched.map((ref) => ref.sid)).toEqual(sids);
  });

  it('reports statement indexes', () => {
    expect(evaluate(policy, request(anonymous, 's3:GetObject', 'public/a')).matched).toEqual([{ index: 0, sid: 'PublicRead' }]);
  });

  it('marks an Allow that names a user only as its account, and only that one', () => {
    const matched = evaluate(policy, request(alice, 's3:PutObject', 'home/alice/a', { 'aws:username': 'alice' })).matched;
    expect(matched).toEqual([
      { index: 2, sid: 'Home', throughAccount: true },
      { index: 7, sid: 'NotSecret', throughAccount: true },
    ]);
    expect(evaluate(policy, request(ownerRoot, 's3:PutObject', 'notes/a')).matched).toEqual([{ index: 7, sid: 'NotSecret' }]);
    expect(evaluate(policy, request(partnerRole, 's3:ListBucket')).matched).toEqual([{ index: 1, sid: 'Partner' }]);
  });

  it('evaluates identity policies without principals', () => {
    const identity = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, { kind: 'identity' });
    expect(evaluate(identity, request(alice, 's3:GetObject', 'x'))).toEqual({ decision: 'allow', matched: [{ index: 0 }] });
  });
});

describe('documented IAM semantics', () => {
  const one = (statement: Record<string, unknown>) => parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', ...statement }] });

  // IAM reference, "Policy variables with no value": a resource with a variable that has no value matches no resource.
  it('a NotResource entry whose variable has no value excludes nothing', () => {
    const policy = one({ Principal: { AWS: OWNER }, NotResource: `${BUCKET}/home/\${aws:username}/*` });
    expect(evaluate(policy, request(alice, 's3:GetObject', 'home/alice/a')).decision).toBe('allow');
    expect(evaluate(policy, request(alice, 's3:GetObject', 'home/alice/a', { 'aws:username': 'alice' })).decision).toBe('no-match');
  });

  // IAM reference, Principal, "All principals": for anonymous users "*" and {"AWS": "*"} are equivalent.
  it.each([['*'], [{ AWS: '*' }]])('Principal %j admits anonymous callers', (principal) => {
    expect(evaluate(one({ Principal: principal, Resource: `${BUCKET}/*` }), request(anonymous, 's3:GetObject', 'a')).decision).toBe('allow');
  });

  // IAM reference, Principal, "AWS account principals": the account ARN and the account id both delegate to the account.
  it.each([[OWNER], [`arn:aws:iam::${OWNER}:root`]])('Principal %s names every principal of the account', (account) => {
    expect(evaluate(one({ Principal: { AWS: account }, Resource: `${BUCKET}/*` }), request(alice, 's3:GetObject', 'a')).decision).toBe('allow');
  });

  // IAM reference, Version: in 2008-10-17 policies ${...} is literal text.
  it('reads ${aws:username} in a 2008-10-17 Resource as text', () => {
    const policy = parsePolicy({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:username}/*` }] });
    expect(evaluate(policy, request(anonymous, 's3:GetObject', 'alice/a', { 'aws:username': 'alice' })).decision).toBe('no-match');
    expect(evaluate(policy, request(anonymous, 's3:GetObject', '${aws:username}/a')).decision).toBe('allow');
  });
});

describe('evaluateAll', () => {
  const allow = parsePolicy({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
  const deny = parsePolicy({
    Version: '2012-10-17',
    Statement: [{ Sid: 'D', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });

  it('lets an explicit deny in any policy win', () => {
    const result = evaluateAll([allow, deny], request(anonymous, 's3:GetObject', 'a', { 'aws:SecureTransport': 'false' }));
    expect(result).toEqual({ decision: 'deny', matched: [{ index: 0, sid: 'D', policyIndex: 1 }] });
  });

  it('lists the allows when nothing denies', () => {
    const result = evaluateAll([deny, allow], request(anonymous, 's3:GetObject', 'a', { 'aws:SecureTransport': 'true' }));
    expect(result).toEqual({ decision: 'allow', matched: [{ index: 0, sid: 'A', policyIndex: 1 }] });
  });

  it('returns no-match for no policies', () => {
    expect(evaluateAll([], request(anonymous, 's3:GetObject', 'a'))).toEqual({ decision: 'no-match', matched: [] });
  });
});
