/**
 * The IAM policy language as S3 uses it: parse → validate → compile once,
 * then evaluate many times; S3's definition of a public policy and ACL;
 * canned and header ACLs; Block Public Access. Pure: no I/O, no clock.
 */
export { PolicyError } from './policy-error';
export { NOT_JSON_OBJECT, MISSING_STATEMENT, INVALID_VERSION, MISSING_PRINCIPAL, STATEMENT_MISSING_ELEMENT } from './s3-grammar-messages';
export { parsePolicy, tryParsePolicy, type Policy, type PolicyVersion, type ParsePolicyOptions, type ParsePolicyResult } from './policy';
export type { Statement, StatementRef, PolicyKind } from './statement';
export type { Effect } from './effect';
export type { ActionBlock } from './action';
export { checkBucketPolicyScope, INVALID_ACTION, INVALID_RESOURCE, ACTION_NOT_APPLICABLE } from './bucket-policy/bucket-policy-scope';
export { namedIdentities, INVALID_PRINCIPAL, type NamedIdentity } from './bucket-policy/named-identities';
export { bindUserPrincipals } from './bucket-policy/bind-user-principals';
export { showUniqueIds } from './bucket-policy/show-unique-ids';
export { checkNewPolicy, tryParseNewPolicy, NOT_PRINCIPAL_WITH_ALLOW, DUPLICATE_SID, NON_ALPHANUMERIC_SID } from './new-policy/check-new-policy';
export type { ResourceBlock } from './resource';
export type { PrincipalBlock, RequestPrincipal } from './principal';
export type { ConditionBlock } from './condition/condition';
export type { ConditionClause } from './condition/clause';
export type { ConditionOperator, ConditionFamily, Comparison, SetQualifier } from './condition/operator';
export type { ContextValue, RequestContext } from './context';
export {
  evaluate,
  evaluateAll,
  type EvaluationRequest,
  type EvaluationResult,
  type MatchedStatement,
  type CombinedEvaluationResult,
  type PolicyStatementRef,
} from './evaluate';
export { analyzePolicyPublic, type PublicAnalysis, type PublicReason } from './public/analyze-policy';
export { compareAccess, type AccessComparison, type ExternalGrant } from './public/compare-access';
export {
  ALL_USERS_URI,
  AUTHENTICATED_USERS_URI,
  LOG_DELIVERY_URI,
  ACL_PERMISSIONS,
  isAclPublic,
  isPublicGrant,
  type AclPermission,
  isAclGroupUri,
  MAX_ACL_GRANTS,
  type AclOwner,
  type AclTarget,
  type AccessControlPolicy,
  type Grant,
  type Grantee,
} from './acl/grant';
export { canonicalGranteeIds, isCanonicalUserId } from './acl/canonical-user-id';
export { CANNED_ACLS, expandCannedAcl, parseCannedAcl, type CannedAcl, type CannedAclParties } from './acl/canned-acl';
export { GRANT_HEADERS, grantsFromHeaders, parseGrantHeader } from './acl/grant-header';
export { GrantHeaderError } from './acl/grant-header-error';
export { aclActions, permissionGrants } from './acl/acl-actions';
export { implicitOwnerGrants } from './acl/owner-grants';
export { evaluateAcl, LOG_DELIVERY_SERVICE, type AclRequest, type AclEvaluation, type AclEvaluationOptions } from './acl/evaluate-acl';
export {
  checkBlockPublicAccess,
  effectiveAclGrants,
  mergePublicAccessBlocks,
  restrictsPublicBucket,
  NO_PUBLIC_ACCESS_BLOCK,
  type PublicAccessBlock,
  type PublicAccessChange,
  type PublicAccessCheck,
} from './block-public-access';
