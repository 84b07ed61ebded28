import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { deriveSigningKey } from '@strongroom/sigv4';
import { requireOperator } from '../caller-scope';
import type { CallerHandler } from '../policy-call';
import { userArn } from '../proto-mapping';
import { validateScope } from '../signing-scope';

/**
 * A signing key lets its holder sign requests as the access key's owner,
 * so it goes only to a credential that may act for every account (the
 * gateway's, or the embedded stack's own), which could already assert any
 * principal: a tenant's credential, scoped to its accounts, never verifies
 * signatures and gets none.
 */
export const getSigningKey: CallerHandler<policyV1.GetSigningKeyRequest, policyV1.GetSigningKeyResponse> = async (deps, request, caller) => {
  requireOperator(caller, 'get signing keys');
  validateScope(request.date, request.region, request.service, deps.now());
  const key = await deps.cache.accessKey(request.accessKeyId);
  if (key === undefined) {
    throw new DomainError(ErrorReason.ACCESS_KEY_NOT_FOUND, 'the access key does not exist', { metadata: { access_key_id: request.accessKeyId } });
  }
  if (key.status !== 'Active') {
    throw new DomainError(ErrorReason.ACCESS_KEY_INACTIVE, 'the access key is inactive', { metadata: { access_key_id: request.accessKeyId } });
  }
  const account = await deps.cache.account(key.accountId);
  const user = key.userName === null ? undefined : await deps.cache.user(key.accountId, key.userName);
  if (account === undefined || (key.userName !== null && user === undefined)) {
    throw new DomainError(ErrorReason.ACCESS_KEY_NOT_FOUND, 'the access key does not exist', { metadata: { access_key_id: request.accessKeyId } });
  }
  const secret = await deps.cache.secret(key.accessKeyId, () => deps.sealer.open(key.accountId, key.accessKeyId, key.sealedSecret));
  let signingKey: Buffer;
  try {
    signingKey = deriveSigningKey(secret, request.date, request.region, request.service);
  } finally {
    secret.fill(0);
  }
  return {
    signingKey,
    principal: {
      accountId: key.accountId,
      arn: key.userName === null ? `arn:aws:iam::${key.accountId}:root` : userArn(key.accountId, key.userName),
      canonicalUserId: account.canonicalUserId,
      userName: key.userName ?? '',
      userId: user?.record.userId ?? key.accountId,
    },
  };
};
