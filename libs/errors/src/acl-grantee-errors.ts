import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from './domain-error';

/**
 * An ACL grant to a canonical user id that names no account: S3's
 * InvalidArgument "Invalid id". The id goes in `grantee_id` metadata, from
 * which the gateway fills S3's ArgumentName and ArgumentValue.
 */
export function unknownGranteeId(id: string): DomainError {
  return new DomainError(ErrorReason.INVALID_ARGUMENT, 'Invalid id', { metadata: { grantee_id: id } });
}

/**
 * An ACL grant to an email address. S3 stopped taking email grantees on
 * October 1, 2025 and answers them with 405 Method Not Allowed (S3 API
 * Reference, PutBucketAcl and PutObjectAcl, "End of support notice").
 */
export function emailGranteeRefused(): DomainError {
  return new DomainError(ErrorReason.METHOD_NOT_ALLOWED, 'email grantees are no longer supported; grant the canonical user id');
}
