import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestAccount } from '../s3/s3-harness';
import { REGION, type ClientStack } from './client-stack';
import { runClient, runClientOk, type ClientRun } from './run-client';

/** aws-cli v2 bound to a stack: every call gets `--endpoint-url`, `--region us-east-1`, JSON output and no pager. */
export interface AwsCli {
  /** Runs `aws <args>`, which must succeed; its stdout. */
  run(args: readonly string[], account?: TestAccount): Promise<string>;
  /** Runs `aws <args>` however it ends. */
  attempt(args: readonly string[], account?: TestAccount): Promise<ClientRun>;
  /** Runs `aws s3api <args>` and parses its JSON output (`{}` when it prints nothing). */
  s3api(args: readonly string[], account?: TestAccount): Promise<Record<string, unknown>>;
}

/**
 * Writes the scratch HOME's `~/.aws/config` (region, no pager) and returns
 * the bound client, over plain HTTP, or with `secure` over HTTPS trusting
 * the stack's self-signed certificate. Credentials travel in the
 * environment, so a call can act as another account.
 */
export function awsCli(stack: ClientStack, command: string, options: { readonly secure?: boolean } = {}): AwsCli {
  const directory = join(stack.home, '.aws');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'config'), `[default]\nregion = ${REGION}\noutput = json\ncli_pager =\n`);
  writeFileSync(join(directory, 'credentials'), '');
  const caBundle = stack.path('gateway-ca.pem');
  if (options.secure === true) writeFileSync(caBundle, stack.s3.ca);
  const endpoint = options.secure === true ? ['--endpoint-url', stack.s3.https, '--ca-bundle', caBundle] : ['--endpoint-url', stack.endpoint];
  const argv = (args: readonly string[]) => [...args, ...endpoint, '--region', REGION, '--output', 'json'];
  const env = (account?: TestAccount) => stack.env({ AWS_PAGER: '' }, account);
  const run = (args: readonly string[], account?: TestAccount) => runClientOk(command, argv(args), env(account));
  return {
    run,
    attempt: (args, account) => runClient(command, argv(args), env(account)),
    async s3api(args, account) {
      const output = await run(['s3api', ...args], account);
      return output.trim() === '' ? {} : (JSON.parse(output) as Record<string, unknown>);
    },
  };
}
