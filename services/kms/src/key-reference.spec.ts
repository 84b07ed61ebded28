import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { isAliasName, parseKeyReference, type KeyReference } from './key-reference';

const REGION = 'us-east-1';
const ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const ACCOUNT = '111122223333';

describe('parseKeyReference', () => {
  it.each<[string, KeyReference]>([
    [ID, { kind: 'key', keyId: ID, accountId: undefined }],
    [ID.toUpperCase(), { kind: 'key', keyId: ID, accountId: undefined }],
    [`arn:aws:kms:${REGION}:${ACCOUNT}:key/${ID}`, { kind: 'key', keyId: ID, accountId: ACCOUNT }],
    [`arn:aws:kms:${REGION}:${ACCOUNT}:key/${ID.toUpperCase()}`, { kind: 'key', keyId: ID, accountId: ACCOUNT }],
    ['alias/orders', { kind: 'alias', aliasName: 'alias/orders', accountId: undefined }],
    ['alias/aws/s3', { kind: 'alias', aliasName: 'alias/aws/s3', accountId: undefined }],
    ['alias/Team_1/x-y', { kind: 'alias', aliasName: 'alias/Team_1/x-y', accountId: undefined }],
    [`arn:aws:kms:${REGION}:${ACCOUNT}:alias/orders`, { kind: 'alias', aliasName: 'alias/orders', accountId: ACCOUNT }],
    [`arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/s3`, { kind: 'alias', aliasName: 'alias/aws/s3', accountId: ACCOUNT }],
  ])('parses %s', (reference, expected) => {
    expect(parseKeyReference(reference, REGION)).toEqual(expected);
  });

  it.each([
    ['a key ARN of another region', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${ID}`],
    ['an alias ARN of another region', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/orders`],
    ['an empty string', ''],
    ['a word', 'orders'],
    ['a UUID missing a digit', ID.slice(1)],
    ['a UUID without dashes', ID.replace(/-/g, '')],
    ['a UUID with surrounding space', ` ${ID}`],
    ['a bare alias prefix', 'alias/'],
    ['an alias with a space', 'alias/my orders'],
    ['an alias in capitals', 'ALIAS/orders'],
    ['an over-long alias', `alias/${'a'.repeat(251)}`],
    ['a key ARN with a malformed id', `arn:aws:kms:${REGION}:${ACCOUNT}:key/not-a-uuid`],
    ['a key ARN with a short account', `arn:aws:kms:${REGION}:1111:key/${ID}`],
    ['an alias ARN with a malformed alias', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/bad name`],
    ['an ARN of another service', `arn:aws:s3:::${ID}`],
    ['an ARN of another partition', `arn:aws-cn:kms:${REGION}:${ACCOUNT}:key/${ID}`],
  ])('answers KEY_NOT_FOUND for %s', (_name, reference) => {
    let thrown: unknown;
    try {
      parseKeyReference(reference, REGION);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).reason).toBe(ErrorReason.KEY_NOT_FOUND);
  });
});

describe('isAliasName', () => {
  it.each([
    ['alias/a', true],
    [`alias/${'a'.repeat(250)}`, true],
    [`alias/${'a'.repeat(251)}`, false],
    ['alias/a.b', false],
    ['alias/a:b', false],
    ['alias', false],
    ['key/a', false],
  ])('%s → %s', (name, expected) => {
    expect(isAliasName(name)).toBe(expected);
  });
});
