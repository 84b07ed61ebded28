import type { RequestPrincipal } from '../principal';
import { permissionGrants } from './acl-actions';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, isPublicGrant, LOG_DELIVERY_URI, type AclTarget, type Grant, type Grantee } from './grant';

/** The service principal that the LogDelivery group stands for. */
export const LOG_DELIVERY_SERVICE = 'logging.s3.amazonaws.com';

/** A request checked against an ACL. */
export interface AclRequest {
  readonly principal: RequestPrincipal;
  /** The S3 action, e.g. `s3:GetObject`. */
  readonly action: string;
  readonly target: AclTarget;
}

/** Options of {@link evaluateAcl}. */
export interface AclEvaluationOptions {
  /** Block Public Access `IgnorePublicAcls`: grants to AllUsers and AuthenticatedUsers count for nothing. */
  readonly ignorePublicAcls?: boolean;
}

/** The outcome of {@link evaluateAcl}: whether some grant allows the request, and which. */
export interface AclEvaluation {
  readonly allowed: boolean;
  readonly grants: readonly Grant[];
}

function granteeMatches(grantee: Grantee, principal: RequestPrincipal): boolean {
  switch (grantee.type) {
    case 'CanonicalUser':
      return principal.type === 'aws' && principal.canonicalUserId === grantee.id;
    case 'AmazonCustomerByEmail':
      return false;
    case 'Group':
      if (grantee.uri === ALL_USERS_URI) return true;
      if (grantee.uri === AUTHENTICATED_USERS_URI) return principal.type !== 'anonymous';
      return grantee.uri === LOG_DELIVERY_URI && principal.type === 'service' && principal.service === LOG_DELIVERY_SERVICE;
  }
}

/**
 * Evaluates an ACL: allowed when a grant to the caller carries a permission
 * that covers the action on the target. Email grantees never match (S3
 * resolves them to canonical ids when the ACL is written).
 */
export function evaluateAcl(grants: readonly Grant[], request: AclRequest, options: AclEvaluationOptions = {}): AclEvaluation {
  const matched = grants.filter(
    (grant) =>
      !(options.ignorePublicAcls === true && isPublicGrant(grant)) &&
      granteeMatches(grant.grantee, request.principal) &&
      permissionGrants(grant.permission, request.target, request.action),
  );
  return { allowed: matched.length > 0, grants: matched };
}
