/**
 * A command group (`kms`, `account`, `user`, ...): the service it talks to,
 * how to connect, whose error names it uses, and its commands. A new group is
 * one `defineGroup` call added to the registry.
 */
import type { commonV1 } from '@strongroom/contracts';
import type { Command, OutputDocument } from './command';
import type { Connection } from './connection';
import type { ErrorDialect } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';

/** Where a group's service listens unless `--endpoint` says otherwise. */
export interface EndpointSpec {
  /** The global flag that sets the address for every group of this service, e.g. `policy-endpoint`. */
  readonly flag?: string;
  /** The environment variable holding `host:port`. */
  readonly env: string;
  /** The `host:port` used when neither the flag nor the variable is set. */
  readonly fallback: string;
}

/** A client for one connection, and how to let it go. */
export interface OpenClient<Client> {
  readonly client: Client;
  close(): void;
}

/** How a group is declared. */
export interface GroupSpec<Client> {
  /** The group's word on the command line, e.g. `kms`. */
  readonly name: string;
  /** One line for the usage text. */
  readonly summary: string;
  readonly endpoint: EndpointSpec;
  /** Whose exception names the group's failures take. */
  readonly errorDialect: ErrorDialect;
  /** Opens a client to the group's service. */
  connect(connection: Connection): OpenClient<Client>;
  readonly commands: readonly Command<Client>[];
}

/** What the usage text shows of a command. */
export interface CommandInfo {
  readonly name: string;
  readonly operation: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
}

/** A command ready to run: give it a connection. */
export type RunnableCall = (connection: Connection, signal: AbortSignal) => Promise<OutputDocument | undefined>;

/** A group with its client type hidden, as the registry holds it. */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly endpoint: EndpointSpec;
  readonly errorDialect: ErrorDialect;
  readonly commands: readonly CommandInfo[];
  /** Validates the flags of a command of this group into a call. */
  prepare(command: string, flags: ParsedFlags, principal: commonV1.Principal): RunnableCall;
}

/** Declares a group. */
export function defineGroup<Client>(spec: GroupSpec<Client>): CommandGroup {
  return {
    name: spec.name,
    summary: spec.summary,
    endpoint: spec.endpoint,
    errorDialect: spec.errorDialect,
    commands: spec.commands,
    prepare(name, flags, principal) {
      const command = spec.commands.find((candidate) => candidate.name === name);
      if (command === undefined) throw new Error(`${spec.name} has no command ${name}`);
      const call = command.prepare(flags, principal);
      return async (connection, signal) => {
        const open = spec.connect(connection);
        try {
          return await call(open.client, signal);
        } finally {
          open.close();
        }
      };
    },
  };
}
