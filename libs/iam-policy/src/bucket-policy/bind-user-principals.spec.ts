import { evaluate } from '../evaluate';
import { parsePolicy } from '../policy';
import type { RequestPrincipal } from '../principal';
import { bindUserPrincipals } from './bind-user-principals';

const CAROL = 'arn:aws:iam::111122223333:user/carol';
const DAVE = 'arn:aws:iam::111122223333:user/dave';
const statement = (effect: string, principal: Record<string, unknown>) => ({ Effect: effect, ...principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' });
const policyOf = (...statements: Record<string, unknown>[]) => parsePolicy({ Version: '2012-10-17', Statement: statements });
const user = (arn: string, userId?: string): RequestPrincipal => ({ type: 'aws', accountId: '111122223333', arn, ...(userId === undefined ? {} : { userId }) });
const decide = (policy: ReturnType<typeof policyOf>, principal: RequestPrincipal) =>
  evaluate(policy, { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::photos/a', context: {} }).decision;

describe('bindUserPrincipals', () => {
  const grant = policyOf(statement('Allow', { Principal: { AWS: [CAROL, DAVE] } }));

  it('lets a bound user ARN name only the user with the bound id', () => {
    const bound = bindUserPrincipals(grant, new Map([[CAROL, 'AIDAOLDCAROL']]));
    expect(decide(bound, user(CAROL, 'AIDAOLDCAROL'))).toBe('allow');
    expect(decide(bound, user(CAROL, 'AIDANEWCAROL'))).toBe('no-match');
    expect(decide(bound, user(CAROL))).toBe('no-match');
  });

  it('leaves an ARN it was not given bound to the name, and a null id names nobody', () => {
    expect(decide(bindUserPrincipals(grant, new Map([[CAROL, 'AIDAOLDCAROL']])), user(DAVE, 'AIDAANYDAVE'))).toBe('allow');
    expect(decide(bindUserPrincipals(grant, new Map([[DAVE, null]])), user(DAVE, 'AIDAANYDAVE'))).toBe('no-match');
  });

  it('binds a Deny too: a re-created user is not the principal it names', () => {
    const deny = bindUserPrincipals(policyOf(statement('Allow', { Principal: '*' }), statement('Deny', { Principal: { AWS: CAROL } })), new Map([[CAROL, 'AIDAOLDCAROL']]));
    expect(decide(deny, user(CAROL, 'AIDAOLDCAROL'))).toBe('deny');
    expect(decide(deny, user(CAROL, 'AIDANEWCAROL'))).toBe('allow');
  });

  it('leaves NotPrincipal bound to the name', () => {
    const notCarol = bindUserPrincipals(policyOf(statement('Deny', { NotPrincipal: { AWS: [CAROL, '111122223333'] } })), new Map([[CAROL, 'AIDAOLDCAROL']]));
    expect(decide(notCarol, user(CAROL, 'AIDANEWCAROL'))).toBe('no-match');
  });
});
