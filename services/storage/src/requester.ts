import { ErrorReason, type policyV1, type storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { assertPrincipal, type CallerContext } from '@strongroom/grpc';
import type { CallContext } from 'nice-grpc';
import { validateExpectedOwners } from './bucket-owner-condition';
import { statedContext } from './request-facts';

/** The requester of a call, after the caller's credential was found allowed to speak for it. */
export interface ActingRequester {
  /** The principal as policy's Authorize takes it (an account principal's ARN filled in, its user id, if stated, passed on). */
  readonly principal: policyV1.RequestPrincipal;
  /** The account of an account principal; undefined for anonymous, service and federated callers. */
  readonly accountId: string | undefined;
  /** The condition keys the caller may state about its request ({@link statedContext}). */
  readonly context: Readonly<Record<string, policyV1.ContextValue>>;
  /** S3's bucket owner conditions: the accounts the caller expects to own buckets of the request (checked by the authorizer). */
  readonly expectedBucketOwners: readonly storageV1.ExpectedBucketOwner[];
}

/**
 * Checks that the call's service credential may assert the requester, and
 * keeps of its condition keys only those a caller may state
 * ({@link statedContext}):
 * account principals as every service checks them (PRINCIPAL_NOT_ALLOWED
 * outside the credential's accounts); anonymous, service and federated
 * callers only through credentials that may act for any account (the
 * gateway), since they belong to no account the credential could be scoped to.
 * Malformed bucket owner conditions are INVALID_ARGUMENT.
 */
export function assertRequester(context: CallContext & CallerContext, requester: storageV1.Requester | undefined): ActingRequester {
  const kind = requester?.principal?.kind;
  if (requester === undefined || kind === undefined) throw invalidArgument('requester.principal', 'is required');
  const vouchesForClients = context.caller.accounts === '*';
  const stated = statedContext(requester.context, { vouchesForClients, peer: context.peer, servedOverTls: context.servedOverTls });
  if (kind.$case === 'aws') {
    const principal = assertPrincipal(context, kind.value);
    // Only the gateway knows which user a key authenticated; a tenant's credential acting for a principal states none (it is dropped).
    const userId = kind.value.userId === undefined || !vouchesForClients ? {} : { userId: kind.value.userId };
    return {
      principal: { kind: { $case: 'aws', value: { accountId: principal.accountId, arn: principal.arn, ...userId } } },
      accountId: principal.accountId,
      context: stated,
      expectedBucketOwners: validateExpectedOwners(requester.expectedBucketOwners),
    };
  }
  if (!vouchesForClients) {
    throw new DomainError(ErrorReason.PRINCIPAL_NOT_ALLOWED, `credential "${context.caller.name}" may not act for ${kind.$case} callers`);
  }
  return { principal: requester.principal!, accountId: undefined, context: stated, expectedBucketOwners: validateExpectedOwners(requester.expectedBucketOwners) };
}

/** The requester's account, or ACCESS_DENIED for callers without one (anonymous, service, federated). */
export function requireAccount(requester: ActingRequester, action: string): string {
  if (requester.accountId === undefined) throw new DomainError(ErrorReason.ACCESS_DENIED, `${action} needs an authenticated account principal`);
  return requester.accountId;
}

/** True when the requester is its account's root. */
export function isAccountRoot(requester: ActingRequester): boolean {
  const kind = requester.principal.kind;
  return kind?.$case === 'aws' && kind.value.arn === `arn:aws:iam::${kind.value.accountId}:root`;
}
