/**
 * The policy service's client, the declaration helper of the commands that
 * call it, and how their groups (`account`, `user`, `access-key`, `policy`)
 * find and connect to it.
 */
import { policyV1 } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import type { Client } from 'nice-grpc';
import { DEFAULT_POLICY_ENDPOINT } from '../../embedded/defaults';
import { defineCommand, type Command, type CommandSpec } from '../command';
import type { Connection } from '../connection';
import { POLICY_ENDPOINT_FLAG } from '../global-options';
import type { EndpointSpec, OpenClient } from '../group';

/** A client of the policy gRPC API. */
export type PolicyClient = Client<policyV1.PolicyServiceDefinition>;

/** A command of one of the policy service's groups. */
export type PolicyCommand = Command<PolicyClient>;

/** Declares a command that calls the policy service; request and response types are inferred. */
export function policyCommand<Request, Response>(spec: CommandSpec<PolicyClient, Request, Response>): PolicyCommand {
  return defineCommand(spec);
}

/** Where the policy service listens: `--policy-endpoint`, `$STRONGROOM_POLICY_ENDPOINT`, else the embedded stack's address. */
export const POLICY_ENDPOINT: EndpointSpec = { flag: POLICY_ENDPOINT_FLAG.name, env: 'STRONGROOM_POLICY_ENDPOINT', fallback: DEFAULT_POLICY_ENDPOINT };

/** Opens a policy client for one command. */
export function connectPolicy({ address, token, tls }: Connection): OpenClient<PolicyClient> {
  const { client, channel } = createServiceClient(policyV1.PolicyServiceDefinition, { address, token, tls });
  return { client, close: () => channel.close() };
}
