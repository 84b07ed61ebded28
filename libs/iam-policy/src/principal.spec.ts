import type { Effect } from './effect';
import { namesOnlyTheAccount, parsePrincipalBlock, principalApplies, type RequestPrincipal } from './principal';

const ACCOUNT = '444455556666';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/audit`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/audit/app`;

const bob: RequestPrincipal = { type: 'aws', accountId: ACCOUNT, arn: BOB };
const alice: RequestPrincipal = { type: 'aws', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/Alice` };
const root: RequestPrincipal = { type: 'aws', accountId: ACCOUNT, arn: ROOT };
const session: RequestPrincipal = { type: 'aws', accountId: ACCOUNT, arn: SESSION, roleArn: ROLE };
const outsider: RequestPrincipal = { type: 'aws', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/Bob' };
const anonymous: RequestPrincipal = { type: 'anonymous' };
const cloudfront: RequestPrincipal = { type: 'service', service: 'cloudfront.amazonaws.com' };

const applies = (element: 'Principal' | 'NotPrincipal', aws: readonly string[], effect: Effect, caller: RequestPrincipal): boolean =>
  principalApplies(parsePrincipalBlock({ AWS: aws }, element === 'NotPrincipal', element), caller, effect);

type Row = readonly [string, 'Principal' | 'NotPrincipal', readonly string[], Effect, RequestPrincipal, boolean];

// IAM reference, "AWS JSON policy elements: NotPrincipal" (NotPrincipal with Deny): a caller is
// left out of the deny only when its account and itself (for a role session: its role) are named.
const rows: readonly Row[] = [
  ['Deny: Bob and his account named, Bob escapes', 'NotPrincipal', [BOB, ROOT], 'Deny', bob, false],
  ['Deny: Bob and his account named, Alice of that account is denied', 'NotPrincipal', [BOB, ROOT], 'Deny', alice, true],
  ['Deny: Bob and his account named, the account root escapes', 'NotPrincipal', [BOB, ROOT], 'Deny', root, false],
  ['Deny: only Bob named, his account is denied and Bob with it', 'NotPrincipal', [BOB], 'Deny', bob, true],
  ['Deny: only the account named, its users are denied', 'NotPrincipal', [ACCOUNT], 'Deny', bob, true],
  ['Deny: only the account named, its root escapes', 'NotPrincipal', [ACCOUNT], 'Deny', root, false],
  ['Deny: role and account named without the session, the session is denied (a session must be named)', 'NotPrincipal', [ROLE, ROOT], 'Deny', session, true],
  ['Deny: session, role and account named, the session escapes', 'NotPrincipal', [SESSION, ROLE, ROOT], 'Deny', session, false],
  ['Deny: session and account named without the role, the session is denied', 'NotPrincipal', [SESSION, ROOT], 'Deny', session, true],
  ['Deny: a caller of another account is denied', 'NotPrincipal', [BOB, ROOT], 'Deny', outsider, true],
  ['Deny: an anonymous caller is denied', 'NotPrincipal', [BOB, ROOT], 'Deny', anonymous, true],
  ['Deny: a service is denied', 'NotPrincipal', [BOB, ROOT], 'Deny', cloudfront, true],
  ['Deny: NotPrincipal "*" leaves out everyone', 'NotPrincipal', ['*'], 'Deny', anonymous, false],
  ['Allow: a caller any identity of which is named gets nothing', 'NotPrincipal', [ROOT], 'Allow', bob, false],
  ['Allow: everyone else is allowed', 'NotPrincipal', [ROOT], 'Allow', outsider, true],
  ['Principal: an account names its users', 'Principal', [ACCOUNT], 'Allow', bob, true],
  ['Principal: a role names its sessions', 'Principal', [ROLE], 'Allow', session, true],
  ['Principal: a session ARN names the session', 'Principal', [SESSION], 'Allow', session, true],
  ['Principal: a user ARN names only that user', 'Principal', [BOB], 'Allow', alice, false],
];

describe('principalApplies', () => {
  it.each(rows)('%s', (_name, element, aws, effect, caller, expected) => {
    expect(applies(element, aws, effect, caller)).toBe(expected);
  });
});

// IAM reference, "AWS JSON policy elements: Principal" (AWS account principals): naming an account
// "delegates authority to the account"; a user or role session named only so is reached through it.
const accountOnly: readonly (readonly [string, Readonly<Record<string, unknown>> | '*', RequestPrincipal, boolean])[] = [
  ['the account id names Bob only as his account', { AWS: [ACCOUNT] }, bob, true],
  ['the account root ARN names Bob only as his account', { AWS: [ROOT] }, bob, true],
  ["the account's canonical user names Bob only as his account", { CanonicalUser: ['c0ffee'] }, { ...bob, canonicalUserId: 'c0ffee' }, true],
  ['the account names a role session only as its account', { AWS: [ACCOUNT] }, session, true],
  ['the account and Bob name Bob himself', { AWS: [ACCOUNT, BOB] }, bob, false],
  ['a role names its session itself', { AWS: [ROOT, ROLE] }, session, false],
  ['"*" names everyone directly', '*', bob, false],
  ['the account root is its account, named directly', { AWS: [ROOT] }, root, false],
  ['another account does not name Bob at all', { AWS: ['111122223333'] }, bob, false],
];

describe('namesOnlyTheAccount', () => {
  it.each(accountOnly)('%s', (_name, value, caller, expected) => {
    expect(namesOnlyTheAccount(parsePrincipalBlock(value, false, 'Principal'), caller)).toBe(expected);
  });
});
