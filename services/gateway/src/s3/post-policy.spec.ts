import type { S3Error } from './errors';
import { parsePostPolicy, type PostPolicy } from './post-policy';
import { checkMinimumLength, checkPostPolicy, maxFileBytes, MAX_UPLOAD_BYTES } from './post-policy-check';

const NOW = Date.parse('2026-11-27T12:00:00Z');

function encode(document: unknown): string {
  return Buffer.from(typeof document === 'string' ? document : JSON.stringify(document)).toString('base64');
}

function policy(conditions: unknown[], expiration = '2026-11-27T13:00:00.000Z'): PostPolicy {
  return parsePostPolicy(encode({ expiration, conditions }));
}

/** The fields of a boto3-style form, names lower case. */
function fields(extra: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries({
      key: 'uploads/cat.jpg',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': 'AKIAEXAMPLE/20261127/us-east-1/s3/aws4_request',
      'x-amz-date': '20261127T110000Z',
      policy: 'eyJ9',
      'x-amz-signature': 'abc',
      ...extra,
    }),
  );
}

/** The conditions boto3's generate_presigned_post writes for a key. */
const BOTO3 = [
  { bucket: 'photos' },
  { key: 'uploads/cat.jpg' },
  { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
  { 'x-amz-credential': 'AKIAEXAMPLE/20261127/us-east-1/s3/aws4_request' },
  { 'x-amz-date': '20261127T110000Z' },
];

function refusal(run: () => void): S3Error {
  try {
    run();
  } catch (error) {
    return error as S3Error;
  }
  throw new Error('expected a refusal');
}

describe('parsePostPolicy', () => {
  it('reads exact matches in both forms, prefixes and size ranges, with field names in lower case', () => {
    const parsed = policy([
      { acl: 'public-read' },
      { bucket: 'photos' },
      ['eq', '$Content-Type', 'image/jpeg'],
      ['starts-with', '$key', 'user/'],
      ['content-length-range', 1, 1000],
      ['content-length-range', '10', '2000'],
    ]);
    expect(parsed.expiration).toBe(Date.parse('2026-11-27T13:00:00Z'));
    expect(parsed.conditions.map(({ operator, field, value }) => [operator, field, value])).toEqual([
      ['eq', 'acl', 'public-read'],
      ['eq', 'bucket', 'photos'],
      ['eq', 'content-type', 'image/jpeg'],
      ['starts-with', 'key', 'user/'],
    ]);
    expect(parsed.conditions[2]?.text).toBe('["eq", "$Content-Type", "image/jpeg"]');
    expect(parsed.contentLength).toEqual({ min: 10, max: 1000 });
  });

  it('takes expirations with or without milliseconds', () => {
    expect(policy([], '2026-11-27T13:00:00Z').expiration).toBe(Date.parse('2026-11-27T13:00:00Z'));
  });

  it.each([
    ['not base64 of JSON', 'not json at all', 'Invalid JSON.'],
    ['a JSON array', encode([]), 'Invalid JSON.'],
    ['no expiration', encode({ conditions: [] }), 'Policy missing expiration.'],
    ['a date that is not ISO 8601', encode({ expiration: 'tomorrow', conditions: [] }), "Invalid 'expiration' value"],
    ['no conditions', encode({ expiration: '2026-11-27T13:00:00Z' }), 'Policy missing conditions.'],
    ['an unknown operator', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['matches', '$key', 'a']] }), 'unknown operator'],
    ['a field without $', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['eq', 'key', 'a']] }), 'must start with "$"'],
    ['a value that is not a string', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [{ success_action_status: 201 }] }), 'value must be a string'],
    ['a condition of the wrong size', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['eq', '$key']] }), 'takes an operator'],
    ['a negative size', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['content-length-range', -1, 10]] }), 'non-negative integers'],
    ['a reversed size range', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['content-length-range', 10, 1]] }), 'minimum exceeds'],
    ['a condition that is a string', encode({ expiration: '2026-11-27T13:00:00Z', conditions: ['key'] }), 'Invalid Condition'],
    [
      'an exact match naming two fields in one object',
      encode({ expiration: '2026-11-27T13:00:00Z', conditions: [{ acl: 'private', bucket: 'photos' }] }),
      'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    ],
    ['an exact match naming no field', encode({ expiration: '2026-11-27T13:00:00Z', conditions: [{}] }), 'Simple-Conditions must have exactly one property specified.'],
    ...['$bucket', '$X-Amz-Algorithm', '$x-amz-credential', '$x-amz-date', '$success_action_status'].map((field): [string, string, string] => [
      `starts-with on ${field}, which S3 matches exactly only`,
      encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['starts-with', field, '']] }),
      `Invalid Condition: "${field}" supports exact matching only.`,
    ]),
  ])('refuses %s as InvalidPolicyDocument', (_what, encoded, message) => {
    const error = refusal(() => parsePostPolicy(encoded));
    expect(error.code).toBe('InvalidPolicyDocument');
    expect(error.message).toContain(message);
  });

  it('allows starts-with on the fields S3 lets it match: the key, the ACL, the REST headers, the redirect, metadata and other x-amz- fields', () => {
    const prefixed = ['$key', '$acl', '$Content-Type', '$Cache-Control', '$success_action_redirect', '$redirect', '$x-amz-meta-tag', '$x-amz-server-side-encryption'];
    expect(policy(prefixed.map((field) => ['starts-with', field, ''])).conditions).toHaveLength(prefixed.length);
  });

  it('never quotes an SSE-C key in a condition it refuses', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const error = refusal(() =>
      parsePostPolicy(encode({ expiration: '2026-11-27T13:00:00Z', conditions: [['eq', '$X-Amz-Server-Side-Encryption-Customer-Key', key, 'extra']] })),
    );
    expect(error.message).toBe('Invalid Policy: Invalid Condition: ["eq", "$X-Amz-Server-Side-Encryption-Customer-Key", "[redacted]", "[redacted]"] takes an operator, a field and a value.');
    expect(error.message).not.toContain(key);
  });
});

describe('checkPostPolicy', () => {
  it("accepts boto3's form: every field covered, the bucket tested against the bucket posted to", () => {
    expect(() => checkPostPolicy(policy(BOTO3), { fields: fields(), bucket: 'photos' }, NOW)).not.toThrow();
  });

  it('matches field names case-insensitively and ignores the signature, the policy, the file and x-ignore- fields', () => {
    const form = { fields: fields({ 'content-type': 'image/png', file: 'x', 'x-ignore-flash': '1' }), bucket: 'photos' };
    expect(() => checkPostPolicy(policy([...BOTO3, ['starts-with', '$Content-Type', 'image/']]), form, NOW)).not.toThrow();
  });

  it.each([
    ['the policy expired', policy(BOTO3, '2026-11-27T11:59:59Z'), fields(), 'photos', 'Invalid according to Policy: Policy expired.'],
    ['another bucket', policy(BOTO3), fields(), 'other', 'Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "photos"]'],
    ['another key', policy(BOTO3), fields({ key: 'uploads/dog.jpg' }), 'photos', 'Policy Condition failed: ["eq", "$key", "uploads/cat.jpg"]'],
    [
      'a prefix not matched',
      policy([...BOTO3.filter((entry) => !('key' in entry)), ['starts-with', '$key', 'user/']]),
      fields(),
      'photos',
      'Policy Condition failed: ["starts-with", "$key", "user/"]',
    ],
    ['a condition on a field not sent', policy([...BOTO3, { acl: 'private' }]), fields(), 'photos', 'Policy Condition failed: ["eq", "$acl", "private"]'],
    ['a field no condition names', policy(BOTO3), fields({ 'x-amz-meta-color': 'red', acl: 'public-read' }), 'photos', 'Invalid according to Policy: Extra input fields: x-amz-meta-color, acl'],
  ])('refuses %s with AccessDenied', (_what, parsed, formFields, bucket, message) => {
    const error = refusal(() => checkPostPolicy(parsed, { fields: formFields, bucket }, NOW));
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toContain(message);
  });

  describe('starts-with on Content-Type, a comma-separated list', () => {
    const imagesOnly = policy([...BOTO3, ['starts-with', '$Content-Type', 'image/']]);
    const check = (contentType: string) => () => checkPostPolicy(imagesOnly, { fields: fields({ 'content-type': contentType }), bucket: 'photos' }, NOW);

    it.each(['image/png', 'image/jpg,image/png,image/gif', 'image/jpg, image/png'])('accepts %j: every entry starts with the prefix', (contentType) => {
      expect(check(contentType)).not.toThrow();
    });

    it.each(['image/png,text/html', 'image/png, text/html', 'image/png,', 'text/html,image/png'])('refuses %j: an entry does not', (contentType) => {
      expect(refusal(check(contentType))).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('["starts-with", "$Content-Type", "image/"]') as string });
    });

    it('compares eq with the whole value, and other fields whole (a key may hold commas)', () => {
      const exact = policy([...BOTO3, ['eq', '$Content-Type', 'image/png']]);
      expect(refusal(() => checkPostPolicy(exact, { fields: fields({ 'content-type': 'image/png,image/png' }), bucket: 'photos' }, NOW)).code).toBe('AccessDenied');
      const prefixed = policy([...BOTO3.filter((entry) => !('key' in entry)), ['starts-with', '$key', 'uploads/']]);
      expect(() => checkPostPolicy(prefixed, { fields: fields({ key: 'uploads/a, b.txt' }), bucket: 'photos' }, NOW)).not.toThrow();
    });
  });

  it('never quotes an SSE-C key in a failed condition', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const parsed = policy([...BOTO3, { 'x-amz-server-side-encryption-customer-key': key }]);
    const error = refusal(() => checkPostPolicy(parsed, { fields: fields({ 'x-amz-server-side-encryption-customer-key': 'other' }), bucket: 'photos' }, NOW));
    expect(error.message).toBe('Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-server-side-encryption-customer-key", "[redacted]"]');
    expect(error.message).not.toContain(key);
  });

  it('lets an empty starts-with prefix allow any value, an absent field included', () => {
    const parsed = policy([...BOTO3, ['starts-with', '$x-amz-meta-tag', ''], ['starts-with', '$success_action_redirect', '']]);
    expect(() => checkPostPolicy(parsed, { fields: fields({ 'x-amz-meta-tag': 'anything' }), bucket: 'photos' }, NOW)).not.toThrow();
  });
});

describe('content-length-range', () => {
  it('bounds the file by the range, within 5 GiB', () => {
    expect(maxFileBytes({ min: 0, max: 100 })).toBe(100);
    expect(maxFileBytes({ min: 0, max: 10 * MAX_UPLOAD_BYTES })).toBe(MAX_UPLOAD_BYTES);
    expect(maxFileBytes(undefined)).toBe(MAX_UPLOAD_BYTES);
  });

  it('refuses a file under the minimum with EntityTooSmall and the sizes', () => {
    const error = refusal(() => checkMinimumLength({ min: 10, max: 100 }, 9));
    expect(error).toMatchObject({ code: 'EntityTooSmall', details: { ProposedSize: '9', MinSizeAllowed: '10' } });
    expect(() => checkMinimumLength({ min: 10, max: 100 }, 10)).not.toThrow();
    expect(() => checkMinimumLength(undefined, 0)).not.toThrow();
  });
});
