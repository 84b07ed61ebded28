import {
  aclActions,
  evaluate,
  evaluateAcl,
  evaluateAll,
  implicitOwnerGrants,
  mergePublicAccessBlocks,
  restrictsPublicBucket,
  type AclEvaluation,
  type Grant,
  type MatchedStatement,
  type PublicAccessBlock,
  type RequestContext,
  type RequestPrincipal,
  type StatementRef,
} from '@strongroom/iam-policy';
import type { BucketState, NamedPolicy } from './policy-cache';

/** Who the caller is on its own account's side. */
export type CallerIdentity =
  /** The root of its account: full access on its side. */
  | { readonly kind: 'root' }
  /** A user (or role session) with these identity policies; none for an unknown principal. */
  | { readonly kind: 'policies'; readonly policies: readonly NamedPolicy[] }
  /** Not a principal of an account (anonymous, service, federated). */
  | { readonly kind: 'none' };

/** Everything one decision needs, already loaded. */
export interface AuthorizationInput {
  readonly principal: RequestPrincipal;
  readonly caller: CallerIdentity;
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
  readonly bucket: BucketState;
  readonly owner: { readonly accountId: string; readonly canonicalUserId: string };
  readonly accountPublicAccessBlock: PublicAccessBlock | null;
  /** The object, when the request is on an existing one. */
  readonly object?: { readonly ownerId: string; readonly grants: readonly Grant[] };
}

/** One element that contributed to a decision. */
export type DecisionElement =
  | { readonly basis: 'bucket-policy'; readonly statement: MatchedStatement }
  | { readonly basis: 'identity-policy'; readonly policyName: string; readonly statement: StatementRef }
  | { readonly basis: 'bucket-acl' | 'object-acl'; readonly grant: Grant }
  | { readonly basis: 'account-root' | 'bucket-owner' | 'owner-acp' }
  | { readonly basis: 'block-public-access'; readonly setting: 'IgnorePublicAcls' | 'RestrictPublicBuckets' };

/** The outcome of {@link authorize}. */
export interface AuthorizationOutcome {
  readonly decision: 'allow' | 'explicit-deny' | 'implicit-deny';
  readonly elements: readonly DecisionElement[];
}

/**
 * The actions the bucket owner's root may always perform, whatever the
 * bucket policy says, as S3 documents: the bucket policy's own, so that an
 * owner can never lock itself out (it can always delete the policy).
 */
const OWNER_MANAGEMENT_ACTIONS = new Set(['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'].map((action) => action.toLowerCase()));

/** Actions an object ACL governs; on an object owned by another account only its ACL grants them. */
const OBJECT_ACL_ACTIONS = new Set(aclActions('FULL_CONTROL', 'object').map((action) => action.toLowerCase()));

const NOTHING: AclEvaluation = { allowed: false, grants: [] };

/** Everything an account-level decision needs: no bucket, so only the caller's side. */
export type AccountActionInput = Pick<AuthorizationInput, 'principal' | 'caller' | 'action' | 'resource' | 'context'>;

function identitySide(input: AccountActionInput) {
  if (input.caller.kind !== 'policies') return { decision: input.caller.kind === 'root' ? 'root' : 'none', elements: [] as DecisionElement[] } as const;
  const { policies } = input.caller;
  const result = evaluateAll(
    policies.map((named) => named.policy),
    input,
  );
  const elements: DecisionElement[] = result.matched.map((ref) => ({
    basis: 'identity-policy',
    policyName: policies[ref.policyIndex]!.name,
    statement: ref.sid === undefined ? { index: ref.index } : { index: ref.index, sid: ref.sid },
  }));
  return { decision: result.decision, elements } as const;
}

/**
 * A grant to the caller's account rather than to the caller: an ACL grant
 * to an account (its canonical user id), or a bucket policy Allow naming a
 * user or role session only as its account (`throughAccount`). It stands for
 * the account, not its users: another account's users act on it only where
 * their own identity policies allow, and the owner account's grant to
 * itself lets none of its users in (in S3 a user with no policy can do
 * nothing in its own account's buckets, whose ACL grants that account
 * full control; the IAM reference's "AWS account principals" says naming
 * an account "delegates authority to the account", and its policy
 * evaluation logic lets a resource-based policy stand alone only where it
 * "grants permission directly to the IAM user or the session principal").
 */
function grantsTheAccount(element: DecisionElement): boolean {
  if (element.basis === 'bucket-policy') return element.statement.throughAccount === true;
  return (element.basis === 'bucket-acl' || element.basis === 'object-acl') && element.grant.grantee.type === 'CanonicalUser';
}

/**
 * Decides a request by S3's rules. An explicit Deny in the caller's
 * identity policies or the bucket policy wins. Otherwise: a same-account
 * caller needs an allow from either side (for a user, an ACL's grant to its
 * account or a bucket policy naming only its account is not one:
 * {@link grantsTheAccount}); a cross-account caller needs the
 * bucket's side (policy or ACL) and its own (identity policy, or being its
 * account's root); anonymous, service and federated callers only the
 * bucket's side. RestrictPublicBuckets drops a public policy's allows for
 * outsiders; IgnorePublicAcls drops public grants; with BucketOwnerEnforced
 * ACLs count for nothing. On an object owned by another account, the
 * object-ACL actions are granted by its ACL only. The owner of a bucket or
 * object holds READ_ACP and WRITE_ACP on it whatever its ACL grants, as in
 * S3, for those of its principals its own side allows. The bucket owner's
 * root may always read, replace and delete its bucket's policy.
 */
export function authorize(input: AuthorizationInput): AuthorizationOutcome {
  const { principal, bucket, owner } = input;
  const action = input.action.toLowerCase();
  const sameAccount = principal.type === 'aws' && principal.accountId === owner.accountId;
  if (sameAccount && input.caller.kind === 'root' && OWNER_MANAGEMENT_ACTIONS.has(action)) {
    return { decision: 'allow', elements: [{ basis: 'bucket-owner' }] };
  }
  const settings = mergePublicAccessBlocks(input.accountPublicAccessBlock ?? undefined, bucket.record.publicAccessBlock ?? undefined);
  const identity = identitySide(input);
  const bucketPolicy = bucket.policy === undefined ? undefined : evaluate(bucket.policy, input);
  const policyElements: DecisionElement[] = (bucketPolicy?.matched ?? []).map((statement) => ({ basis: 'bucket-policy', statement }));

  if (identity.decision === 'deny' || bucketPolicy?.decision === 'deny') {
    const denies = [...(identity.decision === 'deny' ? identity.elements : []), ...(bucketPolicy?.decision === 'deny' ? policyElements : [])];
    return { decision: 'explicit-deny', elements: denies };
  }

  const aclsEnabled = bucket.record.objectOwnership !== 'BucketOwnerEnforced';
  const objectScoped = aclsEnabled && input.object !== undefined && input.object.ownerId !== owner.canonicalUserId && OBJECT_ACL_ACTIONS.has(action);
  const ignorePublicAcls = settings.ignorePublicAcls;
  const acl = (grants: readonly Grant[], target: 'bucket' | 'object', ignore: boolean) =>
    aclsEnabled ? evaluateAcl(grants, { principal, action, target }, { ignorePublicAcls: ignore }) : NOTHING;
  const bucketAcl = objectScoped ? NOTHING : acl(bucket.record.acl.grants, 'bucket', ignorePublicAcls);
  const objectAcl = input.object === undefined ? NOTHING : acl(input.object.grants, 'object', ignorePublicAcls);
  const callerElements: DecisionElement[] = identity.decision === 'root' ? [{ basis: 'account-root' }] : identity.decision === 'allow' ? identity.elements : [];
  const callerAllows = callerElements.length > 0;
  // The owner's implicit READ_ACP and WRITE_ACP belong to its account: they reach a principal of it only
  // where its own side allows the action (the root, or its identity policies), never a user with no policy.
  const ownerAcp =
    callerAllows &&
    (acl(implicitOwnerGrants(owner.canonicalUserId), 'bucket', false).allowed ||
      (input.object !== undefined && acl(implicitOwnerGrants(input.object.ownerId), 'object', false).allowed));
  const restricted = bucket.policy !== undefined && restrictsPublicBucket(settings, bucket.policyAnalysis.public, principal, owner.accountId);
  const policyAllows = !objectScoped && !restricted && bucketPolicy?.decision === 'allow';

  const resourceElements: DecisionElement[] = [
    ...(policyAllows ? policyElements : []),
    ...bucketAcl.grants.map((grant): DecisionElement => ({ basis: 'bucket-acl', grant })),
    ...objectAcl.grants.map((grant): DecisionElement => ({ basis: 'object-acl', grant })),
    ...(ownerAcp ? [{ basis: 'owner-acp' } as const] : []),
  ];
  const resourceAllows = resourceElements.length > 0;

  let allowed: boolean;
  let elements: DecisionElement[];
  if (principal.type !== 'aws') {
    allowed = resourceAllows;
    elements = resourceElements;
  } else if (sameAccount && !objectScoped) {
    const granted = identity.decision === 'root' ? resourceElements : resourceElements.filter((element) => !grantsTheAccount(element));
    allowed = granted.length > 0 || callerAllows;
    elements = [...callerElements, ...granted];
  } else {
    allowed = resourceAllows && callerAllows;
    elements = [...callerElements, ...resourceElements];
  }
  if (allowed) return { decision: 'allow', elements };

  const blocked: DecisionElement[] = [];
  if (restricted && bucketPolicy?.decision === 'allow') blocked.push({ basis: 'block-public-access', setting: 'RestrictPublicBuckets' });
  if (ignorePublicAcls && !objectScoped && (acl(bucket.record.acl.grants, 'bucket', false).allowed || (input.object !== undefined && acl(input.object.grants, 'object', false).allowed))) {
    blocked.push({ basis: 'block-public-access', setting: 'IgnorePublicAcls' });
  }
  return { decision: 'implicit-deny', elements: blocked };
}

/**
 * Decides an account-level action (`s3:ListAllMyBuckets`): it has no bucket,
 * so no bucket policy, ACL or Block Public Access applies and only the
 * caller's side counts. An account root is allowed; a user by its identity
 * policies, where an explicit Deny wins; anyone else (anonymous, service,
 * federated, a principal with no policies) is implicitly denied.
 */
export function authorizeAccountAction(input: AccountActionInput): AuthorizationOutcome {
  const identity = identitySide(input);
  if (identity.decision === 'root') return { decision: 'allow', elements: [{ basis: 'account-root' }] };
  if (identity.decision === 'deny') return { decision: 'explicit-deny', elements: identity.elements };
  if (identity.decision === 'allow') return { decision: 'allow', elements: identity.elements };
  return { decision: 'implicit-deny', elements: [] };
}
