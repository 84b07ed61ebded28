import { deletePreconditions } from './delete-conditions';
import type { S3Error } from './errors';

describe('deletePreconditions', () => {
  test('If-Match alone is a delete condition; the other conditional headers are not', () => {
    expect(deletePreconditions({ 'if-match': '"abc"', 'if-none-match': '*' }, '')).toEqual({ ifMatch: '"abc"', ifNoneMatch: '' });
    expect(deletePreconditions({ 'if-none-match': '*', 'if-unmodified-since': 'Wed, 01 May 2024 12:00:00 GMT' }, '')).toBeUndefined();
    expect(deletePreconditions({}, 'v1')).toBeUndefined();
  });

  test('If-Match with a version id and the directory-bucket conditions are NotImplemented, naming the header', () => {
    expect(() => deletePreconditions({ 'if-match': '*' }, 'v1')).toThrow(expect.objectContaining({ code: 'NotImplemented', details: { Header: 'If-Match' } }) as S3Error);
    expect(() => deletePreconditions({ 'x-amz-if-match-size': '6' }, '')).toThrow(expect.objectContaining({ code: 'NotImplemented', details: { Header: 'x-amz-if-match-size' } }) as S3Error);
    expect(() => deletePreconditions({ 'x-amz-if-match-last-modified-time': 'Wed, 01 May 2024 12:00:00 GMT' }, '')).toThrow(expect.objectContaining({ code: 'NotImplemented' }) as S3Error);
  });
});
