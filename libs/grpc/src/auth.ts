import { ErrorReason } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { CallContext, ServerMiddleware } from 'nice-grpc-common';
import type { CredentialRegistry, ServiceCredential } from './credentials';

/** The call context of an authenticated call. */
export interface CallerContext {
  readonly caller: ServiceCredential;
  /** True when the API port the call came to serves TLS (see {@link crossedNetworkInClear}). */
  readonly servedOverTls: boolean;
}

/** The metadata key that carries the bearer token. */
export const AUTHORIZATION_METADATA = 'authorization';

/**
 * Server middleware that authenticates every call by its bearer token and
 * puts the credential in the context, with whether the port serves TLS; a
 * call without a valid token gets UNAUTHENTICATED before any handler runs.
 */
export function authenticationMiddleware(registry: CredentialRegistry, servedOverTls: boolean): ServerMiddleware<CallerContext> {
  return async function* authenticate(call, context) {
    const header = context.metadata.get(AUTHORIZATION_METADATA) ?? '';
    const token = /^bearer /i.test(header) ? header.slice('Bearer '.length) : '';
    const caller = token === '' ? undefined : registry.resolve(token);
    if (caller === undefined) {
      throw new DomainError(ErrorReason.UNAUTHENTICATED, 'a valid service credential is required');
    }
    return yield* call.next(call.request, { ...context, caller, servedOverTls });
  };
}

/** The principal a call acts for, after {@link assertPrincipal} accepted it. */
export interface ActingPrincipal {
  readonly accountId: string;
  /** The principal ARN; the account root ARN when the request left it empty. */
  readonly arn: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]{1,2048}$/;

/**
 * Checks that the caller's credential may assert `principal` and returns it
 * normalised. A missing or malformed principal is INVALID_ARGUMENT; one the
 * credential may not speak for is PRINCIPAL_NOT_ALLOWED.
 */
export function assertPrincipal(context: CallContext & CallerContext, principal: { accountId: string; arn: string } | undefined): ActingPrincipal {
  if (principal === undefined || !ACCOUNT_ID.test(principal.accountId)) {
    throw invalidArgument('principal.account_id', 'must be a 12-digit account id');
  }
  const rootArn = `arn:aws:iam::${principal.accountId}:root`;
  const arn = principal.arn === '' ? rootArn : principal.arn;
  const ownArn = arn.startsWith(`arn:aws:iam::${principal.accountId}:`) || arn.startsWith(`arn:aws:sts::${principal.accountId}:`);
  if (!ownArn || !PRINTABLE_ASCII.test(arn)) {
    throw invalidArgument('principal.arn', 'must be an IAM or STS ARN of the principal\'s account');
  }
  const { accounts } = context.caller;
  if (accounts !== '*' && !accounts.includes(principal.accountId)) {
    throw new DomainError(ErrorReason.PRINCIPAL_NOT_ALLOWED, `credential "${context.caller.name}" may not act for account ${principal.accountId}`);
  }
  return { accountId: principal.accountId, arn };
}
