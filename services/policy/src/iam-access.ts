import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import type { ActingPrincipal } from '@strongroom/grpc';
import { evaluateAll } from '@strongroom/iam-policy';
import type { PolicyDeps } from './policy-call';

const USER_ARN = /^arn:aws:iam::(\d{12}):user\/(.+)$/;

/**
 * Authorizes an identity-management action (`iam:CreateAccessKey`, ...) on
 * a resource of the principal's account: the account root always may; a
 * user needs an identity policy that allows it and none that denies it.
 */
export async function authorizeIam(deps: PolicyDeps, principal: ActingPrincipal, action: string, resource: string): Promise<void> {
  if (principal.arn === `arn:aws:iam::${principal.accountId}:root`) return;
  const userName = USER_ARN.exec(principal.arn)?.[2];
  const user = userName === undefined ? undefined : await deps.cache.user(principal.accountId, userName);
  const result =
    user === undefined
      ? undefined
      : evaluateAll(
          user.policies.map((named) => named.policy),
          {
            principal: { type: 'aws', accountId: principal.accountId, arn: principal.arn },
            action,
            resource,
            context: { 'aws:username': user.record.userName, 'aws:userid': user.record.userId, 'aws:PrincipalArn': principal.arn, 'aws:PrincipalAccount': principal.accountId },
          },
        );
  if (result?.decision !== 'allow') {
    throw new DomainError(ErrorReason.ACCESS_DENIED, `${principal.arn} is not allowed to perform ${action} on ${resource}`);
  }
}
