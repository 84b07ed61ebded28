/**
 * The command groups that call the policy service: `account`, `user` and
 * `access-key` with aws iam's names and errors, `policy` with aws s3api's.
 */
import { defineGroup } from '../group';
import { ACCESS_ANALYSIS_COMMANDS } from './access-analysis';
import { ACCESS_KEY_COMMANDS } from './access-keys';
import { ACCOUNT_COMMANDS } from './accounts';
import { AUTHORIZE_COMMANDS } from './authorize';
import { BUCKET_POLICY_COMMANDS } from './bucket-policies';
import { POLICY_ENDPOINT, connectPolicy, type PolicyClient } from './policy-command';
import { PUBLIC_ACCESS_BLOCK_COMMANDS } from './public-access-block';
import { USER_POLICY_COMMANDS } from './user-policies';
import { USER_COMMANDS } from './users';

/** `strongroom account ...`. */
export const ACCOUNT_GROUP = defineGroup<PolicyClient>({
  name: 'account',
  summary: 'Accounts: create one (operators), show the one acted for.',
  endpoint: POLICY_ENDPOINT,
  errorDialect: 'iam',
  connect: connectPolicy,
  commands: ACCOUNT_COMMANDS,
});

/** `strongroom user ...`. */
export const USER_GROUP = defineGroup<PolicyClient>({
  name: 'user',
  summary: 'IAM-style users and their inline identity policies (as aws iam).',
  endpoint: POLICY_ENDPOINT,
  errorDialect: 'iam',
  connect: connectPolicy,
  commands: [...USER_COMMANDS, ...USER_POLICY_COMMANDS],
});

/** `strongroom access-key ...`. */
export const ACCESS_KEY_GROUP = defineGroup<PolicyClient>({
  name: 'access-key',
  summary: 'Access keys of users and account roots (as aws iam); a secret is shown once, at creation.',
  endpoint: POLICY_ENDPOINT,
  errorDialect: 'iam',
  connect: connectPolicy,
  commands: ACCESS_KEY_COMMANDS,
});

/** `strongroom policy ...`. */
export const POLICY_GROUP = defineGroup<PolicyClient>({
  name: 'policy',
  summary: 'Bucket policies, Block Public Access, why a bucket is public, and Authorize decisions (as aws s3api).',
  endpoint: POLICY_ENDPOINT,
  errorDialect: 's3',
  connect: connectPolicy,
  commands: [...BUCKET_POLICY_COMMANDS, ...PUBLIC_ACCESS_BLOCK_COMMANDS, ...ACCESS_ANALYSIS_COMMANDS, ...AUTHORIZE_COMMANDS],
});
