import { parsePolicy } from '../policy';
import { PolicyError } from '../policy-error';
import { ACTION_NOT_APPLICABLE, checkBucketPolicyScope, INVALID_ACTION, INVALID_RESOURCE } from './bucket-policy-scope';
import { S3_ACTIONS } from './s3-actions';

const statement = (overrides: Record<string, unknown>): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::photos/*',
  ...overrides,
});

function scopeError(...statements: Record<string, unknown>[]): PolicyError | undefined {
  try {
    checkBucketPolicyScope(parsePolicy({ Version: '2012-10-17', Statement: statements }), 'photos');
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  return undefined;
}

describe('checkBucketPolicyScope', () => {
  it.each([
    ['an object action on objects', { Action: 's3:PutObject', Resource: 'arn:aws:s3:::photos/uploads/*' }],
    ['a bucket action on the bucket', { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos' }],
    ['action names in any case', { Action: 's3:getobject' }],
    ['s3:* on objects only', { Action: 's3:*' }],
    ['* on the bucket only', { Action: '*', Resource: 'arn:aws:s3:::photos' }],
    ['s3:Get* on objects only', { Action: 's3:Get*' }],
    ['s3:*Object on objects', { Action: 's3:*Object' }],
    ['a mix when each action has a resource', { Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::photos', 'arn:aws:s3:::photos/*'] }],
    ['policy variables in the key', { Resource: 'arn:aws:s3:::photos/home/${aws:username}/*' }],
    ['a wildcard over buckets that takes this one, its objects', { Resource: 'arn:aws:s3:::*/*' }],
    ['a wildcard over buckets that takes this one, for bucket and object actions', { Action: ['s3:ListBucket', 's3:GetObject'], Resource: 'arn:aws:s3:::photo*' }],
    ['a ? in the bucket name', { Resource: 'arn:aws:s3:::ph?tos/*' }],
    ['NotAction with the bucket ARN', { Action: undefined, NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::photos' }],
    ['NotResource, left to S3', { Action: 's3:ListBucket', Resource: undefined, NotResource: 'arn:aws:s3:::photos/private/*' }],
  ])('accepts %s', (_name, overrides) => {
    expect(scopeError(statement(overrides))).toBeUndefined();
  });

  it.each([
    ['an unknown action', { Action: 's3:Bogus' }, 'Statement[0].Action', INVALID_ACTION],
    ['a wildcard that names no action', { Action: 's3:Bogus*' }, 'Statement[0].Action', INVALID_ACTION],
    ['an unknown action among known ones', { Action: ['s3:GetObject', 's3:GetObjekt'] }, 'Statement[0].Action', INVALID_ACTION],
    ['Resource *', { Resource: '*' }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['objects of another bucket', { Resource: 'arn:aws:s3:::other/*' }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['another bucket', { Resource: 'arn:aws:s3:::otherbucket' }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['a bucket whose name starts with this one', { Resource: 'arn:aws:s3:::photos-old/*' }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['a wildcard over other buckets', { Resource: 'arn:aws:s3:::photo-*' }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['a foreign resource next to a good one', { Resource: ['arn:aws:s3:::photos/*', 'arn:aws:s3:::other/*'] }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['Resource * with NotAction', { Action: undefined, NotAction: 's3:GetObject', Resource: '*' }, 'Statement[0].Resource', INVALID_RESOURCE],
    ['an object action on the bucket only', { Action: 's3:PutObject', Resource: 'arn:aws:s3:::photos' }, 'Statement[0]', ACTION_NOT_APPLICABLE],
    ['a bucket action on objects only', { Action: 's3:ListBucket' }, 'Statement[0]', ACTION_NOT_APPLICABLE],
    ['one action without a resource of its kind', { Action: ['s3:GetObject', 's3:GetBucketAcl'] }, 'Statement[0]', ACTION_NOT_APPLICABLE],
    ['an account-level action', { Action: 's3:ListAllMyBuckets', Resource: ['arn:aws:s3:::photos', 'arn:aws:s3:::photos/*'] }, 'Statement[0]', ACTION_NOT_APPLICABLE],
    ['a wildcard of bucket actions on objects', { Action: 's3:GetBucket*' }, 'Statement[0]', ACTION_NOT_APPLICABLE],
  ])('refuses %s', (_name, overrides, path, detail) => {
    expect(scopeError(statement(overrides))).toMatchObject({ path, detail });
  });

  it('names the statement of a list and the single statement', () => {
    expect(scopeError(statement({}), statement({ Resource: '*' }))?.path).toBe('Statement[1].Resource');
    expect(() => checkBucketPolicyScope(parsePolicy({ Statement: statement({ Resource: '*' }) }), 'photos')).toThrow(expect.objectContaining({ path: 'Statement.Resource' }) as PolicyError);
  });
});

describe('the S3 action table', () => {
  it('lists each action once, with the s3 prefix', () => {
    const names = S3_ACTIONS.map((action) => action.lowerName);
    expect(new Set(names).size).toBe(names.length);
    expect(S3_ACTIONS.every((action) => /^s3:[A-Z][A-Za-z]+$/.test(action.name))).toBe(true);
  });
});
