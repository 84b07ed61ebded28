import type { Grant } from './grant';

const CANONICAL_USER_ID = /^[0-9a-f]{64}$/;

/**
 * True for an S3 canonical user id: 64 lower-case hex digits. S3 answers a
 * grant to anything else with InvalidArgument "Invalid id".
 */
export function isCanonicalUserId(id: string): boolean {
  return CANONICAL_USER_ID.test(id);
}

/** The distinct canonical user ids an ACL's grants name, in grant order: those that must name an account. */
export function canonicalGranteeIds(grants: readonly Grant[]): string[] {
  return [...new Set(grants.flatMap(({ grantee }) => (grantee.type === 'CanonicalUser' ? [grantee.id] : [])))];
}
