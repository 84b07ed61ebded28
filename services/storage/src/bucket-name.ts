import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

const SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why a name breaks S3's bucket naming rules, or undefined when it follows them. */
export function bucketNameProblem(name: string): string | undefined {
  if (!SHAPE.test(name)) return 'must be 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit';
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return 'must not have a dot next to a dot or hyphen';
  if (IP_ADDRESS.test(name)) return 'must not look like an IP address';
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix !== undefined) return `must not start with ${prefix}`;
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix !== undefined) return `must not end with ${suffix}`;
  return undefined;
}

/** Throws INVALID_BUCKET_NAME unless `name` follows S3's naming rules (for new buckets). */
export function requireValidBucketName(name: string): void {
  const problem = bucketNameProblem(name);
  if (problem !== undefined) throw new DomainError(ErrorReason.INVALID_BUCKET_NAME, `bucket name ${JSON.stringify(name)} ${problem}`);
}
