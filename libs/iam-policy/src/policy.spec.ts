import { parsePolicy, tryParsePolicy } from './policy';
import { PolicyError } from './policy-error';
import { INVALID_VERSION, MISSING_PRINCIPAL, MISSING_STATEMENT, NOT_JSON_OBJECT, STATEMENT_MISSING_ELEMENT } from './s3-grammar-messages';

const statement = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::bucket/*',
  ...overrides,
});

const policyOf = (...statements: Record<string, unknown>[]): Record<string, unknown> => ({ Version: '2012-10-17', Statement: statements });

describe('parsePolicy', () => {
  it('reads the model of a valid policy', () => {
    const policy = parsePolicy(
      JSON.stringify({ Version: '2012-10-17', Id: 'P1', Statement: { Sid: 'A', ...statement({ Condition: { Bool: { 'aws:SecureTransport': true } } }) } }),
    );
    expect(policy.version).toBe('2012-10-17');
    expect(policy.id).toBe('P1');
    expect(policy.statements).toHaveLength(1);
    const [first] = policy.statements;
    expect(first?.sid).toBe('A');
    expect(first?.effect).toBe('Allow');
    expect(first?.principal?.wildcard).toBe(true);
    expect(first?.action.patterns).toEqual(['s3:GetObject']);
    expect(first?.condition?.clauses[0]?.operator.family).toBe('Bool');
    expect(first?.condition?.clauses[0]?.values).toEqual(['true']);
  });

  it('defaults a missing Version to 2008-10-17, where ${...} is literal text', () => {
    const policy = parsePolicy({ Statement: [statement({ Resource: 'arn:aws:s3:::bucket/${aws:username}' })] });
    expect(policy.version).toBe('2008-10-17');
  });

  it.each([
    ['not JSON', 'nope', '', "Policies must be valid JSON and the first byte must be '{'"],
    ['broken JSON', '{"Version": ', '', 'policy is not valid JSON'],
    ['unknown top-level element', JSON.stringify({ ...policyOf(statement()), Foo: 1 }), '', 'unknown element "Foo"'],
    ['bad version', JSON.stringify({ Version: '2012-10-18', Statement: [statement()] }), 'Version', 'is not "2012-10-17"'],
    ['no statement', JSON.stringify({ Version: '2012-10-17' }), 'Statement', 'is required'],
    ['empty statement list', JSON.stringify(policyOf()), 'Statement', 'must not be empty'],
    ['bad effect', JSON.stringify(policyOf(statement({ Effect: 'allow' }))), 'Statement[0].Effect', 'is not "Allow" or "Deny"'],
    ['missing principal', JSON.stringify(policyOf(statement({ Principal: undefined }))), 'Statement[0]', 'needs Principal or NotPrincipal'],
    ['both action forms', JSON.stringify(policyOf(statement({ NotAction: 's3:PutObject' }))), 'Statement[0]', 'has both Action and NotAction'],
    ['empty action list', JSON.stringify(policyOf(statement({ Action: [] }))), 'Statement[0].Action', 'must not be empty'],
    ['malformed action', JSON.stringify(policyOf(statement({ Action: 'GetObject' }))), 'Statement[0].Action', 'is not an action'],
    ['foreign service in a bucket policy', JSON.stringify(policyOf(statement({ Action: 'iam:PassRole' }))), 'Statement[0].Action', 'is not an action of s3'],
    ['resource not an ARN', JSON.stringify(policyOf(statement({ Resource: ['arn:aws:s3:::b', 'bucket/*'] }))), 'Statement[0].Resource[1]', 'is not an ARN'],
    ['partial principal wildcard', JSON.stringify(policyOf(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:user/*' } }))), 'Statement[0].Principal.AWS', 'has a wildcard'],
    ['unknown principal type', JSON.stringify(policyOf(statement({ Principal: { Group: 'x' } }))), 'Statement[0].Principal', 'unknown element "Group"'],
    ['unknown operator', JSON.stringify(policyOf(statement({ Condition: { StringEqual: { 's3:prefix': 'a' } } }))), 'Statement[0].Condition.StringEqual', 'unknown condition operator'],
    ['unknown qualifier', JSON.stringify(policyOf(statement({ Condition: { 'ForSomeValues:StringLike': { 's3:prefix': 'a' } } }))), 'Statement[0].Condition.ForSomeValues:StringLike', 'unknown set qualifier'],
    ['NullIfExists', JSON.stringify(policyOf(statement({ Condition: { NullIfExists: { 's3:prefix': 'true' } } }))), 'Statement[0].Condition.NullIfExists', 'Null takes neither'],
    ['bad condition key', JSON.stringify(policyOf(statement({ Condition: { StringEquals: { prefix: 'a' } } }))), 'Statement[0].Condition.StringEquals.prefix', 'is not a condition key'],
    ['bad number', JSON.stringify(policyOf(statement({ Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } }))), 'Statement[0].Condition.NumericLessThan.s3:max-keys', '"ten" is not a number'],
    ['bad date', JSON.stringify(policyOf(statement({ Condition: { DateGreaterThan: { 'aws:CurrentTime': 'yesterday' } } }))), 'Statement[0].Condition.DateGreaterThan.aws:CurrentTime', 'is not an ISO 8601 date'],
    ['bad bool', JSON.stringify(policyOf(statement({ Condition: { Bool: { 'aws:SecureTransport': 'yes' } } }))), 'Statement[0].Condition.Bool.aws:SecureTransport', '"yes" is not true or false'],
    ['bad base64', JSON.stringify(policyOf(statement({ Condition: { BinaryEquals: { 'aws:x': 'not base64!' } } }))), 'Statement[0].Condition.BinaryEquals.aws:x', 'is not base64'],
    ['bad ARN', JSON.stringify(policyOf(statement({ Condition: { ArnLike: { 'aws:SourceArn': 'cloudfront' } } }))), 'Statement[0].Condition.ArnLike.aws:SourceArn', 'is not an ARN'],
    ['object as condition value', JSON.stringify(policyOf(statement({ Condition: { StringEquals: { 's3:prefix': { a: 1 } } } }))), 'Statement[0].Condition.StringEquals.s3:prefix', 'must be a string, number or boolean'],
    ['bad variable', JSON.stringify(policyOf(statement({ Resource: 'arn:aws:s3:::b/${aws username}' }))), 'Statement[0].Resource', 'invalid policy variable'],
    ['unterminated variable', JSON.stringify(policyOf(statement({ Resource: 'arn:aws:s3:::b/${aws:username' }))), 'Statement[0].Resource', 'unterminated policy variable'],
  ])('rejects %s', (_name, text, path, detail) => {
    const result = tryParsePolicy(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(PolicyError);
    expect(result.error.path).toBe(path);
    expect(result.error.detail).toContain(detail);
  });

  it.each([
    ['a document that does not begin with {', 'nope', NOT_JSON_OBJECT],
    ['a document without Statement', '{}', MISSING_STATEMENT],
    ['a Version AWS does not define', JSON.stringify({ Version: '2012-10-18', Statement: [statement()] }), INVALID_VERSION],
    ['a statement without Principal or NotPrincipal', JSON.stringify(policyOf(statement({ Principal: undefined }))), MISSING_PRINCIPAL],
    ['a statement without Resource or NotResource', JSON.stringify(policyOf(statement({ Resource: undefined }))), STATEMENT_MISSING_ELEMENT],
  ])("gives %s S3's MalformedPolicy message as s3Message, keeping its own detail", (_name, text, s3Message) => {
    const result = tryParsePolicy(text);
    expect(result.ok ? undefined : [result.error.s3Message, result.error.detail === '']).toEqual([s3Message, false]);
  });

  it.each([
    ['a statement without Action', JSON.stringify(policyOf(statement({ Action: undefined })))],
    ['an Effect other than Allow and Deny', JSON.stringify(policyOf(statement({ Effect: 'allow' })))],
    ['an empty Statement list', JSON.stringify(policyOf())],
    ['JSON that does not parse', '{"Version": '],
  ])('gives %s no s3Message: what S3 answers it with is not established', (_name, text) => {
    const result = tryParsePolicy(text);
    expect(result.ok ? 'parsed' : result.error.s3Message).toBeUndefined();
  });

  it('names the value and where it is, as MalformedPolicy needs', () => {
    const text = JSON.stringify(
      policyOf(statement(), statement(), statement({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.300/8' } } })),
    );
    expect(() => parsePolicy(text)).toThrow('Statement[2].Condition.IpAddress.aws:SourceIp: "10.0.0.300/8" is not an IP address or CIDR');
  });

  it('indexes values inside an array', () => {
    const text = JSON.stringify(policyOf(statement({ Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '::g/64'] } } })));
    expect(() => parsePolicy(text)).toThrow('Statement[0].Condition.IpAddress.aws:SourceIp[1]: "::g/64" is not an IP address or CIDR');
  });

  it('enforces the 20 KB bucket-policy limit, counted without white space, as AWS counts it', () => {
    const big = policyOf(statement({ Action: Array.from({ length: 1500 }, (_v, i) => `s3:GetObject${'x'.repeat(i % 3)}`) }));
    expect(tryParsePolicy(JSON.stringify(big)).ok).toBe(false);
    expect(() => parsePolicy(JSON.stringify(big))).toThrow('the limit is 20480');
    const indented = policyOf(statement({ Action: Array.from({ length: 500 }, (_v, i) => `s3:GetObject${'x'.repeat(i % 3)}`) }));
    expect(Buffer.byteLength(JSON.stringify(indented, null, 12))).toBeGreaterThan(20480);
    expect(Buffer.byteLength(JSON.stringify(indented))).toBeLessThan(20480);
    expect(tryParsePolicy(JSON.stringify(indented, null, 12)).ok).toBe(true);
    expect(() => parsePolicy(' '.repeat(4 * 20480) + JSON.stringify(indented))).toThrow('the limit is 20480');
  });

  it('forbids Principal in identity policies and allows any service there', () => {
    expect(() => parsePolicy(policyOf(statement()), { kind: 'identity' })).toThrow('an identity policy must not name a Principal');
    const identity = parsePolicy(policyOf({ Effect: 'Allow', Action: ['s3:GetObject', 'kms:Decrypt'], Resource: '*' }), { kind: 'identity' });
    expect(identity.statements[0]?.principal).toBeUndefined();
  });

  it('accepts the single-object Statement form and reports its path without an index', () => {
    expect(() => parsePolicy({ Version: '2012-10-17', Statement: statement({ Effect: 'Maybe' }) })).toThrow('Statement.Effect:');
  });
});
