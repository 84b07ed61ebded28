import { policyV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import type { ServiceCredential } from '@strongroom/grpc';
import type { ContextValue, RequestPrincipal } from '@strongroom/iam-policy';
import { authorizeAccountAction, authorize as decide, type AuthorizationOutcome, type CallerIdentity } from '../authorizer';
import { requireBucket } from '../bucket-access';
import { requireActFor } from '../caller-scope';
import { IAM_NAME } from '../identifiers';
import type { CallerHandler, PolicyDeps } from '../policy-call';
import type { UserState } from '../policy-cache';
import { fromGrant, toDecisionReason } from '../proto-mapping';
import { requireAccount } from './accounts';

const ARN = /^arn:aws:(iam|sts)::(\d{12}):(root|user\/(.+)|assumed-role\/([^/]+)\/.+|.+)$/;

const DECISION = {
  allow: policyV1.Decision.ALLOW,
  'explicit-deny': policyV1.Decision.EXPLICIT_DENY,
  'implicit-deny': policyV1.Decision.IMPLICIT_DENY,
} as const;

/** Actions on no bucket, authorized with an empty `bucket_id` (lower case). */
const ACCOUNT_ACTIONS = new Set(['s3:listallmybuckets']);

/** The resource of an account-level action: what `*` and `arn:aws:s3:::*` in an identity policy match. */
const ACCOUNT_RESOURCE = 'arn:aws:s3:::*';

/** Who the caller is: the library's principal, its own side's identity, and the condition keys the service sets for it. */
interface Caller {
  readonly principal: RequestPrincipal;
  readonly identity: CallerIdentity;
  readonly keys: Record<string, string>;
}

/** An anonymous caller's principal keys, as the IAM reference's "Principal key values" table gives them for S3. */
const ANONYMOUS_KEYS: Readonly<Record<string, string>> = { 'aws:PrincipalType': 'Anonymous', 'aws:userid': 'anonymous' };

/**
 * The user whose identity policies a caller has: the one with the name now,
 * unless the caller stated the id of the user it authenticated as (the
 * gateway, from GetSigningKey) and that is not this one. A key of a user
 * deleted since the gateway cached it (up to 60 s) then has no identity
 * policies, never those of the user re-created with the name; as a
 * principal it stays the user of its id ({@link resolveCaller}), so a Deny
 * naming that user still refuses it and a grant to the new one does not
 * reach it.
 */
function currentUser(user: UserState | undefined, statedUserId: string | undefined): UserState | undefined {
  return statedUserId === undefined || user?.record.userId === statedUserId ? user : undefined;
}

async function resolveCaller(deps: PolicyDeps, principal: policyV1.RequestPrincipal | undefined): Promise<Caller> {
  const kind = principal?.kind;
  if (kind === undefined) throw invalidArgument('principal', 'is required');
  if (kind.$case === 'anonymous') return { principal: { type: 'anonymous' }, identity: { kind: 'none' }, keys: ANONYMOUS_KEYS };
  if (kind.$case === 'service') return { principal: { type: 'service', service: kind.value }, identity: { kind: 'none' }, keys: { 'aws:PrincipalServiceName': kind.value } };
  if (kind.$case === 'federated') return { principal: { type: 'federated', provider: kind.value }, identity: { kind: 'none' }, keys: { 'aws:PrincipalType': 'WebIdentityUser' } };
  const { accountId } = kind.value;
  const arn = kind.value.arn === '' ? `arn:aws:iam::${accountId}:root` : kind.value.arn;
  const match = ARN.exec(arn);
  if (!/^\d{12}$/.test(accountId) || match === null || match[2] !== accountId) throw invalidArgument('principal.aws', 'needs a 12-digit account id and an IAM or STS ARN of that account');
  const userName = match[1] === 'iam' ? match[4] : undefined;
  const statedUserId = kind.value.userId;
  if (statedUserId !== undefined && (userName === undefined || statedUserId === '')) {
    throw invalidArgument('principal.aws.user_id', 'is only for an IAM user ARN, and must not be empty');
  }
  const account = await deps.cache.account(accountId);
  const keys: Record<string, string> = { 'aws:PrincipalAccount': accountId, 'aws:PrincipalArn': arn };
  const base = { type: 'aws', accountId, arn, ...(account === undefined ? {} : { canonicalUserId: account.canonicalUserId }) } as const;
  if (match[1] === 'iam' && match[3] === 'root') {
    return { principal: base, identity: { kind: 'root' }, keys: { ...keys, 'aws:PrincipalType': 'Account', 'aws:userid': accountId } };
  }
  if (userName !== undefined) {
    // A name IAM could not have given (a path, a control character) is no user's: not looked up (PostgreSQL may refuse it as a parameter).
    const user = IAM_NAME.test(userName) ? currentUser(await deps.cache.user(accountId, userName), statedUserId) : undefined;
    const userId = statedUserId ?? user?.record.userId;
    const userKeys = { ...keys, 'aws:PrincipalType': 'User', 'aws:username': userName, ...(userId === undefined ? {} : { 'aws:userid': userId }) };
    const principal = userId === undefined ? base : { ...base, userId };
    return { principal, identity: { kind: 'policies', policies: user?.policies ?? [] }, keys: userKeys };
  }
  const role = match[1] === 'sts' ? match[5] : undefined;
  const principalWithRole = role === undefined ? base : { ...base, roleArn: `arn:aws:iam::${accountId}:role/${role}` };
  return { principal: principalWithRole, identity: { kind: 'policies', policies: [] }, keys: { ...keys, 'aws:PrincipalType': 'AssumedRole' } };
}

/**
 * Throws PRINCIPAL_NOT_ALLOWED unless the credential may act for the
 * principal's account (when it has one) and for the bucket owner's: the
 * answer's reasons show the bucket's statements and grants, and the
 * caller's condition keys are taken as stated, so a credential scoped to
 * some accounts asks only about their buckets (storage, acting for every
 * account, asks for everyone).
 */
function requireScope(serviceCaller: ServiceCredential, caller: Caller, ownerAccountId: string): void {
  if (caller.principal.type === 'aws') requireActFor(serviceCaller, caller.principal.accountId);
  requireActFor(serviceCaller, ownerAccountId);
}

function checkResource(resource: string, bucketName: string): void {
  if (resource !== `arn:aws:s3:::${bucketName}` && !resource.startsWith(`arn:aws:s3:::${bucketName}/`)) {
    throw invalidArgument('resource', `must be arn:aws:s3:::${bucketName} or an object ARN under it`);
  }
}

/** The condition keys only the service sets, from the principal and the bucket, lower-cased: a caller's, in any spelling, are dropped. */
const SERVICE_SET_KEYS: ReadonlySet<string> = new Set(
  ['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalType', 'aws:PrincipalServiceName', 'aws:username', 'aws:userid', 's3:ResourceAccount', 'aws:ResourceAccount'].map(
    (key) => key.toLowerCase(),
  ),
);

/**
 * The request's condition keys but those the service sets, then the
 * service's own for the caller (and `resourceKeys`). Dropped whatever their
 * spelling: keys are case-insensitive, and the policy library weighs every
 * spelling of a key, so a caller's own spelling would add its values.
 */
function conditionKeys(request: policyV1.AuthorizeRequest, caller: Caller, resourceKeys: Readonly<Record<string, string>> = {}): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(request.context)) {
    if (value.values.length > 0 && !SERVICE_SET_KEYS.has(key.toLowerCase())) context[key] = value.values;
  }
  return Object.assign(context, caller.keys, resourceKeys);
}

/**
 * The condition keys of the account that owns the resource (a bucket's
 * owner), which only the service sets: `s3:ResourceAccount` and
 * `aws:ResourceAccount`, what data-perimeter policies test.
 */
function resourceAccountKeys(ownerAccountId: string): Record<string, string> {
  return { 's3:ResourceAccount': ownerAccountId, 'aws:ResourceAccount': ownerAccountId };
}

function toResponse(outcome: AuthorizationOutcome): policyV1.AuthorizeResponse {
  return { decision: DECISION[outcome.decision], reasons: outcome.elements.map(toDecisionReason) };
}

/**
 * Authorize without a bucket, for an account-level action: only the
 * caller's side decides. Callers outside any account are denied without a
 * credential scope check, as there is no account to scope to; so is a
 * principal of an account that does not exist.
 */
async function authorizeAccountLevel(deps: PolicyDeps, request: policyV1.AuthorizeRequest, serviceCaller: ServiceCredential): Promise<policyV1.AuthorizeResponse> {
  if (!ACCOUNT_ACTIONS.has(request.action.toLowerCase())) throw invalidArgument('bucket_id', `is required for ${request.action}`);
  if (request.resource !== ACCOUNT_RESOURCE) throw invalidArgument('resource', `must be ${ACCOUNT_RESOURCE} for an account-level action`);
  if (request.objectOwnerId !== '' || request.objectGrants.length > 0) throw invalidArgument('object_owner_id', 'must be empty for an account-level action');
  const caller = await resolveCaller(deps, request.principal);
  const denied = toResponse({ decision: 'implicit-deny', elements: [] });
  if (caller.principal.type !== 'aws') return denied;
  requireActFor(serviceCaller, caller.principal.accountId);
  if ((await deps.cache.account(caller.principal.accountId)) === undefined) return denied;
  return toResponse(
    authorizeAccountAction({ principal: caller.principal, caller: caller.identity, action: request.action, resource: request.resource, context: conditionKeys(request, caller) }),
  );
}

/** Authorize: decides one request on a bucket, or with an empty `bucket_id` an account-level action. */
export const authorize: CallerHandler<policyV1.AuthorizeRequest, policyV1.AuthorizeResponse> = async (deps, request, serviceCaller: ServiceCredential) => {
  if (!/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(request.action)) throw invalidArgument('action', 'must be service:Action, e.g. s3:GetObject');
  if (request.bucketId === '') return authorizeAccountLevel(deps, request, serviceCaller);
  const bucket = await requireBucket(deps, request.bucketId);
  checkResource(request.resource, bucket.record.name);
  const caller = await resolveCaller(deps, request.principal);
  requireScope(serviceCaller, caller, bucket.record.ownerAccountId);
  const owner = await requireAccount(deps, bucket.record.ownerAccountId);
  const outcome = decide({
    principal: caller.principal,
    caller: caller.identity,
    action: request.action,
    resource: request.resource,
    context: conditionKeys(request, caller, resourceAccountKeys(bucket.record.ownerAccountId)),
    bucket,
    owner: { accountId: owner.accountId, canonicalUserId: owner.canonicalUserId },
    accountPublicAccessBlock: owner.publicAccessBlock,
    ...(request.objectOwnerId === ''
      ? {}
      : { object: { ownerId: request.objectOwnerId, grants: request.objectGrants.map((grant, index) => fromGrant(grant, `object_grants[${index}]`)) } }),
  });
  return toResponse(outcome);
};
