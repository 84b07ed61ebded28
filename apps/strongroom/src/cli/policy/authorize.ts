/**
 * `policy authorize`: the decision the policy service makes for one request,
 * and what made it, for operators debugging access. Modelled on aws iam
 * simulate-principal-policy's EvaluationResults; it changes nothing.
 */
import { policyV1, type commonV1 } from '@strongroom/contracts';
import type { ParsedFlags } from '../flags';
import { policyCommand, type PolicyCommand } from './policy-command';
import { bucketIdFlag } from './policy-flags';
import { grantShape, present } from './policy-shapes';
import { requestContextValue } from './policy-values';

const { Decision, DecisionBasis } = policyV1;

/** The IAM policy simulator's names of the decisions. */
const DECISION_NAMES: Readonly<Record<policyV1.Decision, string>> = {
  [Decision.UNSPECIFIED]: 'unknown',
  [Decision.ALLOW]: 'allowed',
  [Decision.EXPLICIT_DENY]: 'explicitDeny',
  [Decision.IMPLICIT_DENY]: 'implicitDeny',
  [Decision.UNRECOGNIZED]: 'unknown',
};

const BASIS_NAMES: Readonly<Record<policyV1.DecisionBasis, string>> = {
  [DecisionBasis.UNSPECIFIED]: 'Unknown',
  [DecisionBasis.BUCKET_POLICY]: 'BucketPolicy',
  [DecisionBasis.IDENTITY_POLICY]: 'IdentityPolicy',
  [DecisionBasis.BUCKET_ACL]: 'BucketAcl',
  [DecisionBasis.OBJECT_ACL]: 'ObjectAcl',
  [DecisionBasis.ACCOUNT_ROOT]: 'AccountRoot',
  [DecisionBasis.BUCKET_OWNER]: 'BucketOwner',
  [DecisionBasis.BLOCK_PUBLIC_ACCESS]: 'BlockPublicAccess',
  [DecisionBasis.OWNER_ACP]: 'OwnerAcp',
  [DecisionBasis.UNRECOGNIZED]: 'Unknown',
};

const POLICY_BASES: ReadonlySet<policyV1.DecisionBasis> = new Set([DecisionBasis.BUCKET_POLICY, DecisionBasis.IDENTITY_POLICY]);

/** Who sends the request: anonymous with `--anonymous`, else the principal acted for (--account, --principal-arn). */
function requestPrincipal(flags: ParsedFlags, principal: commonV1.Principal): policyV1.RequestPrincipal {
  if (flags.boolean('anonymous')) return { kind: { $case: 'anonymous', value: {} } };
  return { kind: { $case: 'aws', value: { accountId: principal.accountId, arn: principal.arn } } };
}

/** One element that decided, with only the fields its basis uses. */
function reasonShape(reason: policyV1.DecisionReason): Record<string, unknown> {
  const statement = POLICY_BASES.has(reason.basis);
  return {
    Basis: BASIS_NAMES[reason.basis],
    PolicyName: present(reason.policyName),
    StatementIndex: statement ? reason.statementIndex : undefined,
    Sid: present(reason.sid),
    Grant: grantShape(reason.grant),
    Setting: present(reason.setting),
    Description: reason.description,
  };
}

const authorize = policyCommand({
  name: 'authorize',
  operation: 'Authorize',
  summary: 'Shows the decision for one request (as --account/--principal-arn, or --anonymous) and the statements, grants or settings that made it.',
  flags: [
    { name: 'action', required: true, placeholder: 'action', description: 'The S3 action, e.g. s3:GetObject.' },
    { name: 'resource', required: true, placeholder: 'arn', description: 'arn:aws:s3:::<bucket> or arn:aws:s3:::<bucket>/<key>.' },
    bucketIdFlag(true),
    {
      name: 'context',
      placeholder: 'json',
      description: 'Condition keys: JSON {"aws:SourceIp":"203.0.113.7","s3:prefix":["a/"]}, shorthand aws:SecureTransport=true, or file://path.',
    },
    { name: 'anonymous', kind: 'boolean', description: 'Decide for an unauthenticated caller instead of the principal acted for.' },
  ],
  request: (flags, principal): policyV1.AuthorizeRequest => {
    const context = flags.string('context');
    return {
      principal: requestPrincipal(flags, principal),
      action: flags.required('action'),
      resource: flags.required('resource'),
      bucketId: flags.required('bucket-id'),
      objectOwnerId: '',
      objectGrants: [],
      context: context === undefined ? {} : requestContextValue('context', context),
    };
  },
  call: async (client, request, signal) => ({ request, response: await client.authorize(request, { signal }) }),
  output: ({ request, response }) => ({
    EvalActionName: request.action,
    EvalResourceName: request.resource,
    EvalDecision: DECISION_NAMES[response.decision],
    DecidedBy: response.reasons.map(reasonShape),
  }),
});

/** The authorization debugging commands of the `policy` group. */
export const AUTHORIZE_COMMANDS: readonly PolicyCommand[] = [authorize];
