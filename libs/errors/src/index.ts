export { DomainError, invalidArgument, hasReason, type DomainErrorOptions, type FieldViolation } from './domain-error';
export { emailGranteeRefused, unknownGranteeId } from './acl-grantee-errors';
export { statusForReason, reasonFromName } from './reason-status';
export { ErrorReason } from '@strongroom/contracts';
