import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { prepareContext, type RequestContext } from '../context';
import type { Effect } from '../effect';
import { parseConditionBlock, conditionHolds } from './condition';

function holds(condition: Record<string, unknown>, context: RequestContext, version = true, effect: Effect = 'Allow'): boolean {
  return conditionHolds(parseConditionBlock(condition, 'Condition', version), prepareContext(context), effect);
}

type Row = readonly [string, Record<string, unknown>, RequestContext, boolean];

const rows: readonly Row[] = [
  ['StringEquals matches exactly', { StringEquals: { 's3:x-amz-acl': 'private' } }, { 's3:x-amz-acl': 'private' }, true],
  ['StringEquals is case-sensitive', { StringEquals: { 's3:x-amz-acl': 'private' } }, { 's3:x-amz-acl': 'Private' }, false],
  ['keys are case-insensitive', { StringEquals: { 'S3:X-Amz-Acl': 'private' } }, { 's3:x-amz-ACL': 'private' }, true],
  ['several values OR together', { StringEquals: { 's3:prefix': ['a/', 'b/'] } }, { 's3:prefix': 'b/' }, true],
  ['several keys AND together', { StringEquals: { 's3:prefix': 'a/', 's3:delimiter': '/' } }, { 's3:prefix': 'a/' }, false],
  ['several operators AND together', { StringEquals: { 's3:prefix': 'a/' }, Bool: { 'aws:SecureTransport': 'true' } }, { 's3:prefix': 'a/', 'aws:SecureTransport': 'false' }, false],
  ['a missing key fails a positive operator', { StringEquals: { 's3:prefix': 'a/' } }, {}, false],
  ['a missing key satisfies a negated operator', { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }, {}, true],
  ['StringNotEquals holds when no value matches', { StringNotEquals: { 's3:prefix': ['a', 'b'] } }, { 's3:prefix': 'c' }, true],
  ['StringNotEquals fails when one value matches', { StringNotEquals: { 's3:prefix': ['a', 'b'] } }, { 's3:prefix': 'b' }, false],
  ['StringEqualsIgnoreCase folds case', { StringEqualsIgnoreCase: { 'aws:UserAgent': 'AWS-CLI' } }, { 'aws:UserAgent': 'aws-cli' }, true],
  ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'aws:UserAgent': 'AWS-CLI' } }, { 'aws:UserAgent': 'aws-cli' }, false],
  ['StringLike with *', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/x' }, true],
  ['StringLike with ?', { StringLike: { 's3:prefix': 'v?' } }, { 's3:prefix': 'v12' }, false],
  ['StringLike is case-sensitive', { StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/a' }, false],
  ['StringNotLike', { StringNotLike: { 's3:prefix': 'tmp/*' } }, { 's3:prefix': 'home/' }, true],
  ['StringEquals keeps * literal', { StringEquals: { 's3:prefix': '*' } }, { 's3:prefix': 'anything' }, false],
  ['IfExists passes on a missing key', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }, {}, true],
  ['IfExists still checks a present key', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }, { 'aws:SourceVpce': 'vpce-2' }, false],
  ['NumericLessThan', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }, true],
  ['NumericLessThanEquals', { NumericLessThanEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10' }, true],
  ['NumericGreaterThan', { NumericGreaterThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false],
  ['NumericGreaterThanEquals', { NumericGreaterThanEquals: { 's3:signatureAge': '600000' } }, { 's3:signatureAge': '600001' }, true],
  ['NumericEquals with decimals', { NumericEquals: { 's3:x': '1.5' } }, { 's3:x': '1.50' }, true],
  ['NumericNotEquals', { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false],
  ['a non-number never matches', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'x' }, false],
  ['DateLessThan ISO', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-05-01T12:00:00Z' }, true],
  ['DateGreaterThan ISO', { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-05-01T12:00:00Z' }, false],
  ['Date with epoch context', { DateGreaterThanEquals: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } }, { 'aws:EpochTime': '1767225600' }, true],
  ['DateEquals', { DateEquals: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true],
  ['DateNotEquals', { DateNotEquals: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2026-01-02' }, true],
  ['DateLessThanEquals', { DateLessThanEquals: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2026-01-01' }, true],
  ['an offset counts', { DateEquals: { 'aws:CurrentTime': '2026-01-01T06:30:00+01:30' } }, { 'aws:CurrentTime': '2026-01-01T05:00:00Z' }, true],
  ['an offset without a colon counts', { DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00-0500' } }, { 'aws:CurrentTime': '2026-01-01T05:00:00Z' }, true],
  ['fractions of a second count', { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00.5Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00.25Z' }, true],
  ['Bool false', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'false' }, true],
  ['Bool JSON boolean', { Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'true' }, false],
  ['Bool on a missing key', { Bool: { 'aws:SecureTransport': 'false' } }, {}, false],
  ['BoolIfExists on a missing key', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, true],
  ['Null true: key absent', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, {}, true],
  ['Null true: key present', { Null: { 's3:x-amz-server-side-encryption': 'true' } }, { 's3:x-amz-server-side-encryption': 'AES256' }, false],
  ['Null false: key present', { Null: { 's3:x-amz-server-side-encryption': false } }, { 's3:x-amz-server-side-encryption': 'AES256' }, true],
  ['Null treats an empty set as absent', { Null: { 's3:RequestObjectTagKeys': 'true' } }, { 's3:RequestObjectTagKeys': [] }, true],
  ['IpAddress IPv4 CIDR', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, { 'aws:SourceIp': '192.0.2.77' }, true],
  ['IpAddress outside', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, { 'aws:SourceIp': '192.0.3.1' }, false],
  ['IpAddress bare address', { IpAddress: { 'aws:SourceIp': '203.0.113.9' } }, { 'aws:SourceIp': '203.0.113.9' }, true],
  ['IpAddress IPv6 CIDR', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:1234::1' }, true],
  ['IpAddress IPv6 outside', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db9::1' }, false],
  ['IPv4-mapped IPv6 request', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, { 'aws:SourceIp': '::ffff:192.0.2.5' }, true],
  ['IPv4 rule never matches IPv6', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '2001:db8::1' }, false],
  ['NotIpAddress outside', { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } }, { 'aws:SourceIp': '198.51.100.1' }, true],
  ['NotIpAddress inside', { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } }, { 'aws:SourceIp': '2001:db8::5' }, false],
  ['ArnLike per component', { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' } }, { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' }, true],
  ['ArnLike wildcard does not cross components', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, { 'aws:SourceArn': 'arn:aws:s3:us-east-1:111122223333:thing' }, false],
  ['ArnEquals exact', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/r' } }, { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/r' }, true],
  ['ArnNotEquals', { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/r' } }, { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/s' }, true],
  ['ArnNotLike', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' }, false],
  ['Arn with a non-ARN context value', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, { 'aws:SourceArn': 'nope' }, false],
  ['BinaryEquals', { BinaryEquals: { 'aws:x': 'QmluYXJ5' } }, { 'aws:x': 'QmluYXJ5' }, true],
  ['BinaryEquals other bytes', { BinaryEquals: { 'aws:x': 'QmluYXJ5' } }, { 'aws:x': 'QmluYXJ6' }, false],
  ['ForAnyValue: one matches', { 'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': ['a', 'b'] } }, { 's3:RequestObjectTagKeys': ['x', 'b'] }, true],
  ['ForAnyValue: none matches', { 'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }, { 's3:RequestObjectTagKeys': ['x'] }, false],
  ['ForAnyValue: missing key', { 'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }, {}, false],
  ['ForAnyValue: negated', { 'ForAnyValue:StringNotEquals': { 's3:RequestObjectTagKeys': ['a'] } }, { 's3:RequestObjectTagKeys': ['a', 'b'] }, true],
  ['ForAllValues: all match', { 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['a', 'b'] } }, { 's3:RequestObjectTagKeys': ['a', 'b'] }, true],
  ['ForAllValues: one does not', { 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }, { 's3:RequestObjectTagKeys': ['a', 'c'] }, false],
  ['ForAllValues: missing key holds', { 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }, {}, true],
  ['ForAllValues: negated', { 'ForAllValues:StringNotLike': { 's3:RequestObjectTagKeys': ['secret*'] } }, { 's3:RequestObjectTagKeys': ['a', 'secret-x'] }, false],
  ['ForAnyValue IfExists on a missing key', { 'ForAnyValue:StringEqualsIfExists': { 's3:RequestObjectTagKeys': ['a'] } }, {}, true],
  ['unqualified multi-valued key: any value', { StringEquals: { 's3:RequestObjectTagKeys': 'a' } }, { 's3:RequestObjectTagKeys': ['b', 'a'] }, true],
  ['unqualified negated multi-valued: every value', { StringNotEquals: { 's3:RequestObjectTagKeys': 'a' } }, { 's3:RequestObjectTagKeys': ['b', 'a'] }, false],
  ['variable in a value', { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } }, { 's3:prefix': 'home/alice/docs', 'aws:username': 'alice' }, true],
  ['variable for another user', { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } }, { 's3:prefix': 'home/bob/docs', 'aws:username': 'alice' }, false],
  ['variable values are literal', { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } }, { 's3:prefix': 'home/bob/docs', 'aws:username': '*' }, false],
  ['unresolved variable matches nothing', { StringEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': '' }, false],
  ['variable default', { StringEquals: { 's3:prefix': "${aws:username, 'guest'}" } }, { 's3:prefix': 'guest' }, true],
  ['${*} is a literal asterisk in StringLike', { StringLike: { 's3:prefix': 'a${*}' } }, { 's3:prefix': 'ab' }, false],
  ['${*} matches a real asterisk', { StringLike: { 's3:prefix': 'a${*}' } }, { 's3:prefix': 'a*' }, true],
  ['${$} and ${?}', { StringEquals: { 's3:prefix': '${$}${?}' } }, { 's3:prefix': '$?' }, true],
  ['variable in StringEquals', { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } }, { 'aws:PrincipalAccount': '1', 'aws:ResourceAccount': '1' }, true],
  ['ArnEquals with a whole-value variable', { ArnEquals: { 'aws:SourceArn': '${aws:PrincipalArn}' } }, { 'aws:SourceArn': 'arn:aws:iam::1:role/a', 'aws:PrincipalArn': 'arn:aws:iam::1:role/a' }, true],
  ['negated IfExists on a missing key', { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'AES256' } }, {}, true],
  ['ForAnyValue: negated on a missing key', { 'ForAnyValue:StringNotEquals': { 's3:RequestObjectTagKeys': ['a'] } }, {}, false],
  ['ForAllValues: negated on a missing key', { 'ForAllValues:StringNotEquals': { 's3:RequestObjectTagKeys': ['a'] } }, {}, true],
  ['ForAllValues: an empty set holds', { 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }, { 's3:RequestObjectTagKeys': [] }, true],
  ['ForAnyValue: an empty set fails', { 'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }, { 's3:RequestObjectTagKeys': [] }, false],
  ['a negated operator matches a variable with no value', { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } }, { 's3:ExistingObjectTag/Team': 'red' }, true],
  ['a positive operator never matches a variable with no value', { StringLike: { 's3:prefix': '${aws:username}*' } }, { 's3:prefix': 'x' }, false],
  ['a non-number context value never matches a Numeric operator', { NumericGreaterThanEquals: { 's3:max-keys': '0' } }, { 's3:max-keys': 'ten' }, false],
  ['a non-date context value never matches a Date operator', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': 'now' }, false],
  ['StringLike * spans lines', { StringLike: { 's3:prefix': 'a*z' } }, { 's3:prefix': 'a\nb\nz' }, true],
  ['StringLike ? matches a line break', { StringLike: { 's3:prefix': 'a?z' } }, { 's3:prefix': 'a\nz' }, true],
  ['condition values are case-sensitive whatever the key spelling', { StringEquals: { 'AWS:SOURCEVPCE': 'vpce-1' } }, { 'aws:sourcevpce': 'VPCE-1' }, false],
  ['IPv4-mapped request outside an IPv4 range', { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, { 'aws:SourceIp': '::ffff:198.51.100.1' }, true],
  ['tag keys', { StringEquals: { 's3:ExistingObjectTag/Classification': 'public' } }, { 's3:existingobjecttag/classification': 'public' }, true],
];

describe('condition operators', () => {
  it.each(rows)('%s', (_name, condition, context, expected) => {
    expect(holds(condition, context)).toBe(expected);
  });

  // Tags `env` and `Env` are two tags in S3 and one condition key in a policy: neither spelling, nor their order, may decide alone.
  it.each([
    ['env=prod, Env=dev', { 's3:RequestObjectTag/env': 'prod', 's3:RequestObjectTag/Env': 'dev' }],
    ['Env=dev, env=prod', { 's3:RequestObjectTag/Env': 'dev', 's3:RequestObjectTag/env': 'prod' }],
  ] as const)('a key spelt two ways (%s) must pass for every spelling to allow, for any to deny', (_order, context) => {
    const equalsDev = { StringEquals: { 's3:RequestObjectTag/env': 'dev' } };
    const notEqualsDev = { StringNotEquals: { 's3:RequestObjectTag/env': 'dev' } };
    expect([holds(equalsDev, context, true, 'Allow'), holds(notEqualsDev, context, true, 'Allow')]).toEqual([false, false]);
    expect([holds(equalsDev, context, true, 'Deny'), holds(notEqualsDev, context, true, 'Deny')]).toEqual([true, true]);
    expect(holds({ StringEquals: { 's3:RequestObjectTag/env': ['dev', 'prod'] } }, context, true, 'Allow')).toBe(true);
  });

  it('decides a key spelt thousands of ways, one spelling denied', () => {
    // Every spelling of an 18-letter key by case: 30,000 of them, as a tenant could send to Authorize (they once took seconds each, quadratic).
    const context: Record<string, string> = {};
    for (let i = 0; i < 30_000; i += 1) context[`s3:RequestObjectTag/${[...'abcdefghijklmnopqr'].map((letter, bit) => ((i >> bit) & 1 ? letter.toUpperCase() : letter)).join('')}`] = 'public';
    context['s3:RequestObjectTag/ABCDEFGHIJKLMNOPQR'] = 'secret';
    const denySecret = { StringEquals: { 's3:RequestObjectTag/abcdefghijklmnopqr': 'secret' } };
    expect([holds(denySecret, context, true, 'Deny'), holds(denySecret, context, true, 'Allow')]).toEqual([true, false]);
  });

  it('reads a date-time without an offset in UTC, whatever the time zone the server runs in', () => {
    // In a process of its own: the time zone is fixed when a process starts.
    const script = `const { parseDate } = require(${JSON.stringify(join(__dirname, 'date.ts'))}); process.stdout.write(String(parseDate('2026-01-01T05:00:00') === Date.UTC(2026, 0, 1, 5)));`;
    const answer = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8' });
    expect(answer).toBe('true');
  });

  it('takes one policy variable as a Bool value, resolved per request, with a boolean fallback; a YYYY-MM Date value is the first of the month', () => {
    const requireTls = { Bool: { 'aws:SecureTransport': "${aws:PrincipalTag/RequireTls, 'true'}" } };
    expect(holds(requireTls, { 'aws:SecureTransport': 'true' })).toBe(true);
    expect(holds(requireTls, { 'aws:SecureTransport': 'false', 'aws:PrincipalTag/RequireTls': 'false' })).toBe(true);
    expect(holds(requireTls, { 'aws:SecureTransport': 'false' })).toBe(false);
    expect(holds({ DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' })).toBe(true);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': '2026-01' } }, { 'aws:CurrentTime': '2025-12-31T23:59:59Z' })).toBe(true);
  });

  it.each([["${aws:PrincipalTag/RequireTls, 'flase'}"], ['fa${aws:PrincipalTag/RequireTls}lse'], ['${aws:username}${aws:userid}']])(
    'refuses %s as a Bool value: only true, false or one variable with a boolean fallback (anything else would match nothing and turn a Deny off)',
    (value) => {
      expect(() => holds({ Bool: { 'aws:SecureTransport': value } }, {})).toThrow(/must be true, false or one policy variable|is not true or false/);
    },
  );

  it('treats ${...} as text in version 2008-10-17 policies', () => {
    expect(holds({ StringEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': '${aws:username}' }, false)).toBe(true);
  });
});
