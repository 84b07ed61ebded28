import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { checkCompletedChecksum, uploadChecksumType } from './checksum-plan';

const { ChecksumAlgorithm, ChecksumType } = storageV1;

function reasonOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? ErrorReason[error.reason] : String(error);
  }
  return undefined;
}

describe('uploadChecksumType', () => {
  it.each([
    ['CRC32', ChecksumType.UNSPECIFIED, 'COMPOSITE'],
    ['CRC32', ChecksumType.FULL_OBJECT, 'FULL_OBJECT'],
    ['CRC32C', ChecksumType.COMPOSITE, 'COMPOSITE'],
    ['CRC64NVME', ChecksumType.UNSPECIFIED, 'FULL_OBJECT'],
    ['SHA256', ChecksumType.UNSPECIFIED, 'COMPOSITE'],
  ] as const)('%s with type %s is %s', (algorithm, requested, expected) => {
    expect(uploadChecksumType(algorithm, requested)).toBe(expected);
  });

  it('is null without an algorithm', () => {
    expect(uploadChecksumType(undefined, ChecksumType.UNSPECIFIED)).toBeNull();
  });

  it.each([
    [undefined, ChecksumType.FULL_OBJECT],
    ['SHA1', ChecksumType.FULL_OBJECT],
    ['CRC64NVME', ChecksumType.COMPOSITE],
  ] as const)('refuses %s with type %s as INVALID_REQUEST', (algorithm, requested) => {
    expect(reasonOf(() => uploadChecksumType(algorithm, requested))).toBe('INVALID_REQUEST');
  });
});

describe('checkCompletedChecksum', () => {
  const full = { algorithm: 'CRC32', value: 'wKUHvw==', type: 'FULL_OBJECT' } as const;
  const composite = { algorithm: 'SHA256', value: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=-2', type: 'COMPOSITE' } as const;
  const given = (algorithm: storageV1.ChecksumAlgorithm, value: string, type = ChecksumType.UNSPECIFIED) => ({ algorithm, value, type });

  it('accepts the computed value, with or without its part count', () => {
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'wKUHvw==', ChecksumType.FULL_OBJECT), full, 2))).toBeUndefined();
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.SHA256, composite.value), composite, 2))).toBeUndefined();
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.SHA256, composite.value.replace(/-2$/, '')), composite, 2))).toBeUndefined();
  });

  it('is BAD_DIGEST for a part count that is not the upload\'s', () => {
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.SHA256, composite.value.replace(/-2$/, '-3')), composite, 2))).toBe('BAD_DIGEST');
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'wKUHvw==-2', ChecksumType.FULL_OBJECT), full, 2))).toBeUndefined();
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'wKUHvw==-1', ChecksumType.FULL_OBJECT), full, 2))).toBe('BAD_DIGEST');
  });

  it('accepts nothing given', () => {
    expect(reasonOf(() => checkCompletedChecksum(undefined, null, 2))).toBeUndefined();
  });

  it('is BAD_DIGEST for another value or algorithm, or a value without the type of a FULL_OBJECT CRC32 upload; INVALID_REQUEST for another type', () => {
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'AAAAAA==', ChecksumType.FULL_OBJECT), full, 2))).toBe('BAD_DIGEST');
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32C, 'wKUHvw==', ChecksumType.FULL_OBJECT), full, 2))).toBe('BAD_DIGEST');
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'wKUHvw=='), full, 2))).toBe('BAD_DIGEST');
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'wKUHvw==', ChecksumType.COMPOSITE), full, 2))).toBe('INVALID_REQUEST');
  });

  it('ignores a value on an upload without a checksum, and refuses a type', () => {
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.CRC32, 'wKUHvw==-2'), null, 2))).toBeUndefined();
    expect(reasonOf(() => checkCompletedChecksum(given(ChecksumAlgorithm.UNSPECIFIED, '', ChecksumType.FULL_OBJECT), null, 2))).toBe('INVALID_REQUEST');
  });
});
