/**
 * The flags every command takes, wherever they appear on the command line,
 * as the AWS CLI's global options do.
 */
import type { commonV1 } from '@strongroom/contracts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_POLICY_ENDPOINT } from '../embedded/defaults';
import { UsageError } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';
import { integerValue } from './values';

/** The output formats of `--output`. */
export type OutputFormat = 'json' | 'text';

const DEFAULT_READ_TIMEOUT_SECONDS = 60;

/** `--policy-endpoint`: the policy service's address, for each of the groups that call it. */
export const POLICY_ENDPOINT_FLAG: FlagSpec = {
  name: 'policy-endpoint',
  placeholder: 'host:port',
  description: `The policy service's gRPC address, for the account, user, access-key and policy groups ($STRONGROOM_POLICY_ENDPOINT, default ${DEFAULT_POLICY_ENDPOINT}); --endpoint wins over it.`,
};

/** The global flags. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'endpoint', placeholder: 'host:port', description: "The service's gRPC address (each group's default is listed below)." },
  POLICY_ENDPOINT_FLAG,
  {
    name: 'token-file',
    placeholder: 'path',
    description: 'File holding the service token. Else $STRONGROOM_TOKEN_FILE; else $STRONGROOM_TOKEN holds the token itself; else the stack\'s data/service-token, written by `npm start`.',
  },
  { name: 'account', placeholder: 'account-id', description: `The 12-digit account to act for ($STRONGROOM_ACCOUNT, default ${DEFAULT_ACCOUNT_ID}).` },
  { name: 'principal-arn', placeholder: 'arn', description: 'The principal to act as, e.g. arn:aws:iam::<account>:user/alice (default: the account root).' },
  { name: 'region', placeholder: 'region', description: "Accepted and ignored, for aws-cli compatibility: ARNs carry the service's own region." },
  { name: 'output', placeholder: 'json|text', description: 'json (default) or text (tab-separated, as aws-cli prints it).' },
  { name: 'cli-read-timeout', placeholder: 'seconds', description: `How long to wait for an answer; 0 waits forever (default ${DEFAULT_READ_TIMEOUT_SECONDS}).` },
  { name: 'help', kind: 'boolean', short: 'h', description: 'Show usage and exit.' },
];

/** The global settings of one run. */
export interface GlobalOptions {
  readonly principal: commonV1.Principal;
  readonly output: OutputFormat;
  /** 0 for no limit. */
  readonly readTimeoutMs: number;
}

/** Reads the global flags, falling back to the environment and the embedded stack's defaults. */
export function globalOptions(flags: ParsedFlags, env: NodeJS.ProcessEnv): GlobalOptions {
  const output = flags.string('output') ?? 'json';
  if (output !== 'json' && output !== 'text') throw new UsageError(`argument --output: Invalid choice: '${output}' (choose from 'json', 'text')`);
  const timeout = flags.string('cli-read-timeout');
  return {
    principal: { accountId: flags.string('account') ?? env.STRONGROOM_ACCOUNT ?? DEFAULT_ACCOUNT_ID, arn: flags.string('principal-arn') ?? '' },
    output,
    readTimeoutMs: (timeout === undefined ? DEFAULT_READ_TIMEOUT_SECONDS : integerValue('cli-read-timeout', timeout)) * 1000,
  };
}
