import { parsePolicy } from '../policy';
import { namedIdentities } from './named-identities';

const grant = (overrides: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*', ...overrides });
const named = (...statements: Record<string, unknown>[]) => namedIdentities(parsePolicy({ Version: '2012-10-17', Statement: statements }));

describe('namedIdentities', () => {
  it('lists the account of every AWS principal of a Principal, and the user of a user ARN by everything after user/', () => {
    const aws = ['111122223333', 'arn:aws:iam::222233334444:root', 'arn:aws:iam::333344445555:user/team/alice', 'arn:aws:iam::444455556666:role/reader', 'arn:aws:sts::555566667777:assumed-role/reader/s'];
    expect(named(grant({ Principal: { AWS: aws } }))).toEqual([
      { kind: 'account', accountId: '111122223333', path: 'Statement[0].Principal' },
      { kind: 'account', accountId: '222233334444', path: 'Statement[0].Principal' },
      { kind: 'account', accountId: '333344445555', path: 'Statement[0].Principal' },
      { kind: 'user', accountId: '333344445555', userName: 'team/alice', arn: 'arn:aws:iam::333344445555:user/team/alice', path: 'Statement[0].Principal' },
      { kind: 'account', accountId: '444455556666', path: 'Statement[0].Principal' },
      { kind: 'account', accountId: '555566667777', path: 'Statement[0].Principal' },
    ]);
  });

  it('leaves out NotPrincipal, "*", services, identity providers and canonical users', () => {
    const others = { Service: 'cloudfront.amazonaws.com', Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'a'.repeat(64) };
    expect(named(grant({ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' } }), grant({ Principal: '*' }), grant({ Principal: others }))).toEqual([]);
  });

  it('names where each statement is, a single statement object as Statement', () => {
    expect(namedIdentities(parsePolicy({ Version: '2012-10-17', Statement: grant({ Principal: { AWS: '111122223333' } }) }))).toEqual([
      { kind: 'account', accountId: '111122223333', path: 'Statement.Principal' },
    ]);
  });
});
