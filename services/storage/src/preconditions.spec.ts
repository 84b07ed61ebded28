import { ErrorReason } from '@strongroom/contracts';
import type { DomainError } from '@strongroom/errors';
import { checkReadPreconditions, checkWritePreconditions } from './preconditions';

const target = { etag: '"abc"', lastModified: new Date('2024-05-01T12:00:00.500Z'), headers: { contentType: 'text/plain' } };
const none = { ifMatch: '', ifNoneMatch: '' };
const earlier = new Date('2024-05-01T11:00:00Z');
const sameSecond = new Date('2024-05-01T12:00:00Z');
const now = new Date('2024-05-01T13:00:00Z');
const future = new Date('2024-05-01T13:00:01Z');

function reasonOf(check: () => void): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    return ErrorReason[(error as DomainError).reason];
  }
}

describe('preconditions', () => {
  test.each([
    [{ ifMatch: '"abc"' }, 'ok'],
    [{ ifMatch: 'W/"x", "abc"' }, 'ok'],
    [{ ifMatch: '"x"' }, 'PRECONDITION_FAILED'],
    [{ ifMatch: 'W/"abc"' }, 'PRECONDITION_FAILED'],
    [{ ifMatch: 'abc' }, 'ok'],
    [{ ifMatch: '"*"' }, 'PRECONDITION_FAILED'],
    [{ ifUnmodifiedSince: earlier }, 'PRECONDITION_FAILED'],
    [{ ifUnmodifiedSince: sameSecond }, 'ok'],
    [{ ifMatch: '"abc"', ifUnmodifiedSince: earlier }, 'ok'],
    [{ ifNoneMatch: '"abc"' }, 'NOT_MODIFIED'],
    [{ ifNoneMatch: '*' }, 'NOT_MODIFIED'],
    [{ ifNoneMatch: 'W/"abc"' }, 'NOT_MODIFIED'],
    [{ ifNoneMatch: '"x", abc' }, 'NOT_MODIFIED'],
    [{ ifModifiedSince: sameSecond }, 'NOT_MODIFIED'],
    [{ ifModifiedSince: earlier }, 'ok'],
    [{ ifNoneMatch: '"abc"', ifModifiedSince: earlier }, 'NOT_MODIFIED'],
    [{ ifNoneMatch: '"x"', ifModifiedSince: sameSecond }, 'ok'],
    [{ ifModifiedSince: now }, 'NOT_MODIFIED'],
    [{ ifModifiedSince: future }, 'ok'],
  ])('reads: %o is %s (a date later than now is ignored)', (conditions, expected) => {
    expect(reasonOf(() => checkReadPreconditions({ ...none, ...conditions }, target, now))).toBe(expected);
  });

  test("reads: a date up to the object's Last-Modified is applied even when this process's clock is behind it (versions are dated by the database's)", () => {
    const behind = new Date('2024-05-01T11:59:58Z');
    expect(reasonOf(() => checkReadPreconditions({ ...none, ifModifiedSince: sameSecond }, target, behind))).toBe('NOT_MODIFIED');
    expect(reasonOf(() => checkReadPreconditions({ ...none, ifModifiedSince: new Date('2024-05-01T12:00:01Z') }, target, behind))).toBe('ok');
  });

  test('writes: If-None-Match * needs no current object, If-Match needs a matching one (compared strongly)', () => {
    expect(reasonOf(() => checkWritePreconditions({ ...none, ifNoneMatch: '*' }, undefined))).toBe('ok');
    expect(reasonOf(() => checkWritePreconditions({ ...none, ifNoneMatch: '*' }, target))).toBe('PRECONDITION_FAILED');
    expect(reasonOf(() => checkWritePreconditions({ ...none, ifMatch: '"abc"' }, target))).toBe('ok');
    expect(reasonOf(() => checkWritePreconditions({ ...none, ifMatch: '"abc"' }, undefined))).toBe('NO_SUCH_KEY');
    expect(reasonOf(() => checkWritePreconditions({ ...none, ifMatch: '"x"' }, target))).toBe('PRECONDITION_FAILED');
    expect(reasonOf(() => checkWritePreconditions({ ...none, ifMatch: 'W/"abc"' }, target))).toBe('PRECONDITION_FAILED');
  });
});
