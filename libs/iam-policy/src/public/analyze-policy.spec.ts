import { parsePolicy } from '../policy';
import { analyzePolicyPublic } from './analyze-policy';
import { compareAccess } from './compare-access';

const OWNER = '111122223333';
const allowStatement = (extra: Record<string, unknown>): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
  ...extra,
});
const policyOf = (...statements: Record<string, unknown>[]) => parsePolicy({ Version: '2012-10-17', Statement: statements });

type Row = readonly [string, Record<string, unknown>, boolean];

const rows: readonly Row[] = [
  ['Principal "*" without conditions', {}, true],
  ['{"AWS": "*"}', { Principal: { AWS: '*' } }, true],
  ['"*" among fixed accounts', { Principal: { AWS: ['*', OWNER] } }, true],
  ['a fixed account', { Principal: { AWS: OWNER } }, false],
  ['a fixed role ARN', { Principal: { AWS: `arn:aws:iam::${OWNER}:role/r` } }, false],
  ['a service principal', { Principal: { Service: 'cloudfront.amazonaws.com' } }, false],
  ['a canonical user', { Principal: { CanonicalUser: 'abc' } }, false],
  ['a federated principal', { Principal: { Federated: 'graph.facebook.com' } }, true],
  ['NotPrincipal in an Allow', { Principal: undefined, NotPrincipal: { AWS: OWNER } }, true],
  ['SourceVpc with StringLike wildcard', { Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } }, true],
  ['SourceVpc fixed', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-91237329' } } }, false],
  ['SourceVpce with StringLike but no wildcard', { Condition: { StringLike: { 'aws:SourceVpce': 'vpce-1a2b' } } }, false],
  ['SourceIp /8', { Condition: { IpAddress: { 'aws:SourceIp': '11.0.0.0/8' } } }, false],
  ['SourceIp /7', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/7' } } }, true],
  ['SourceIp 0.0.0.0/1', { Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } }, true],
  ['SourceIp with one broad range among narrow ones', { Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '0.0.0.0/0'] } } }, true],
  ['SourceIp IPv6 /32', { Condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } } }, false],
  ['SourceIp IPv6 /31', { Condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/31' } } }, true],
  ['SourceIp RFC1918 /16', { Condition: { IpAddress: { 'aws:SourceIp': '192.168.0.0/16' } } }, false],
  ['SourceIp IPv4-mapped, every IPv4 address', { Condition: { IpAddress: { 'aws:SourceIp': '::ffff:0.0.0.0/96' } } }, true],
  ['SourceIp IPv4-mapped /100 (an IPv4 /4)', { Condition: { IpAddress: { 'aws:SourceIp': '::ffff:0.0.0.0/100' } } }, true],
  ['SourceIp IPv4-mapped RFC1918 /104', { Condition: { IpAddress: { 'aws:SourceIp': '::ffff:10.0.0.0/104' } } }, false],
  ['NotIpAddress does not restrict', { Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }, true],
  ['SourceArn fixed', { Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' } } }, false],
  ['SourceArn wildcard', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::*:distribution/*' } } }, true],
  ['SourceAccount fixed', { Condition: { StringEquals: { 'aws:SourceAccount': OWNER } } }, false],
  ['SourceOwner fixed', { Condition: { StringEquals: { 'aws:SourceOwner': OWNER } } }, false],
  ['PrincipalOrgID fixed', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }, false],
  ['PrincipalAccount fixed', { Condition: { StringEquals: { 'aws:PrincipalAccount': OWNER } } }, false],
  ['PrincipalArn fixed', { Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${OWNER}:role/r` } } }, false],
  ['PrincipalArn with a variable', { Condition: { StringEquals: { 'aws:PrincipalArn': '${aws:SourceArn}' } } }, true],
  ['kms key id fixed', { Condition: { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/k' } } }, false],
  ['userid AROLEID:* pattern', { Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } } }, false],
  ['userid other wildcard', { Condition: { StringLike: { 'aws:userid': 'AIDA*' } } }, true],
  ['userid "anonymous", every anonymous caller\'s', { Condition: { StringEquals: { 'aws:userid': ['AIDAEXAMPLE', 'anonymous'] } } }, true],
  ['userid "ANONYMOUS" ignoring case', { Condition: { StringEqualsIgnoreCase: { 'aws:userid': 'ANONYMOUS' } } }, true],
  ['userid "ANONYMOUS" compared exactly fixes a caller', { Condition: { StringEquals: { 'aws:userid': 'ANONYMOUS' } } }, false],
  ['DataAccessPointArn with AP-name wildcard under a fixed account', { Condition: { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:111122223333:accesspoint/*' } } }, false],
  ['DataAccessPointArn with account wildcard', { Condition: { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:*:accesspoint/*' } } }, true],
  ['DataAccessPointAccount fixed', { Condition: { StringEquals: { 's3:DataAccessPointAccount': OWNER } } }, false],
  ['IfExists does not restrict', { Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } }, true],
  ['ForAllValues does not restrict', { Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpc': 'vpc-1' } } }, true],
  ['StringNotEquals does not restrict', { Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } }, true],
  ['a condition on another key does not restrict', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, true],
  ['one fixing clause among others is enough', { Condition: { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }, false],
  ['a Deny never makes a policy public', { Effect: 'Deny' }, false],
];

describe('analyzePolicyPublic', () => {
  it.each(rows)('%s', (_name, extra, expected) => {
    expect(analyzePolicyPublic(policyOf(allowStatement(extra))).public).toBe(expected);
  });

  it('explains each public statement', () => {
    const analysis = analyzePolicyPublic(
      policyOf(
        allowStatement({ Sid: 'Fixed', Principal: { AWS: OWNER } }),
        allowStatement({ Sid: 'Broad', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } }),
      ),
    );
    expect(analysis).toEqual({
      public: true,
      reasons: [{ index: 1, sid: 'Broad', why: 'allows any principal ("*"); aws:SourceIp "0.0.0.0/1" is wider than /8' }],
    });
  });
});

describe('compareAccess', () => {
  const privatePolicy = policyOf(allowStatement({ Sid: 'Own', Principal: { AWS: OWNER } }));
  const partner = policyOf(allowStatement({ Sid: 'Own', Principal: { AWS: OWNER } }), allowStatement({ Sid: 'Partner', Principal: { AWS: 'arn:aws:iam::444455556666:root' } }));
  const publicPolicy = policyOf(allowStatement({ Sid: 'Everyone' }));

  it('reports a newly public policy', () => {
    const result = compareAccess(privatePolicy, publicPolicy, OWNER);
    expect(result.newlyPublic).toBe(true);
    expect(result.publicStatements.map((reason) => reason.sid)).toEqual(['Everyone']);
  });

  it('does not report a policy that was already public', () => {
    expect(compareAccess(publicPolicy, publicPolicy, OWNER).newlyPublic).toBe(false);
  });

  it('reports newly granted accounts with their statements', () => {
    const result = compareAccess(undefined, partner, OWNER);
    expect(result.newlyCrossAccount).toBe(true);
    expect(result.newGrantees).toEqual([{ grantee: '444455556666', statements: [{ index: 1, sid: 'Partner' }] }]);
    expect(compareAccess(partner, partner, OWNER).newlyCrossAccount).toBe(false);
  });

  it('finds accounts named by conditions of a wildcard statement', () => {
    const viaCondition = policyOf(
      allowStatement({ Sid: 'Org', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123', 'aws:PrincipalAccount': ['999988887777', OWNER] } } }),
    );
    const result = compareAccess(privatePolicy, viaCondition, OWNER);
    expect(result.newlyPublic).toBe(false);
    expect(result.newGrantees.map((grant) => grant.grantee)).toEqual(['aws:PrincipalOrgID=o-123', '999988887777']);
  });
});
