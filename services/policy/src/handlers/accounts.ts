import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { isSqlState, UNIQUE_VIOLATION, withTransaction } from '@strongroom/db';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { insertAccount } from '../account-store';
import { announce } from '../change-feed';
import { requireOperator } from '../caller-scope';
import { ACCOUNT_ID, expectFormat, newAccountId, newCanonicalUserId } from '../identifiers';
import type { CallerHandler, PolicyDeps, PolicyHandler } from '../policy-call';
import { toAccount } from '../proto-mapping';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The account; ACCOUNT_NOT_FOUND when it does not exist. */
export async function requireAccount(deps: PolicyDeps, accountId: string) {
  const account = await deps.cache.account(accountId);
  if (account === undefined) throw new DomainError(ErrorReason.ACCOUNT_NOT_FOUND, `account ${accountId} does not exist`, { metadata: { account_id: accountId } });
  return account;
}

export const createAccount: CallerHandler<policyV1.CreateAccountRequest, policyV1.CreateAccountResponse> = async (deps, request, caller) => {
  requireOperator(caller);
  const accountId = request.accountId === '' ? newAccountId(deps.random) : expectFormat('account_id', request.accountId, ACCOUNT_ID, 'must be 12 digits');
  if (accountId === '000000000000') throw invalidArgument('account_id', '000000000000 is reserved for the service account');
  if (request.displayName.trim() === '' || request.displayName.length > 128) throw invalidArgument('display_name', 'must be 1 to 128 characters');
  if (request.email !== '' && !EMAIL.test(request.email)) throw invalidArgument('email', 'must be an email address');
  try {
    const account = await withTransaction(deps.pool, async (client) => {
      const row = await insertAccount(client, {
        accountId,
        canonicalUserId: newCanonicalUserId(deps.random),
        displayName: request.displayName,
        email: request.email === '' ? null : request.email,
      });
      await announce(client, { kind: 'account', accountId });
      return row;
    });
    deps.cache.invalidate({ kind: 'account', accountId });
    return { account: toAccount(account) };
  } catch (error) {
    if (isSqlState(error, UNIQUE_VIOLATION)) throw new DomainError(ErrorReason.ALREADY_EXISTS, `an account with id ${accountId} or this email already exists`);
    throw error;
  }
};

export const getAccount: PolicyHandler<policyV1.GetAccountRequest, policyV1.GetAccountResponse> = async (deps, _request, call) => ({
  account: toAccount(await requireAccount(deps, call.principal.accountId)),
});
