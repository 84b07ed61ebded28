/**
 * A command: the flags it takes, how they become a request, the call, and how
 * the response is shown. Commands hold no business rules; the service decides.
 */
import type { commonV1 } from '@strongroom/contracts';
import type { FlagSpec, ParsedFlags } from './flags';

/** A JSON document as printed by `--output json`. */
export type OutputDocument = Readonly<Record<string, unknown>>;

/** How one command is declared. */
export interface CommandSpec<Client, Request, Response> {
  /** The subcommand, as `aws` names it, e.g. `generate-data-key`. */
  readonly name: string;
  /** The API operation, for error messages, e.g. `GenerateDataKey`. */
  readonly operation: string;
  /** One line for the usage text. */
  readonly summary: string;
  /** The command's own flags (the global ones come on top). */
  readonly flags: readonly FlagSpec[];
  /** Builds the request from the flags; throws a UsageError for a malformed value. */
  request(flags: ParsedFlags, principal: commonV1.Principal): Request;
  /** Makes the call (or calls, for a listing that pages). */
  call(client: Client, request: Request, signal: AbortSignal): Promise<Response>;
  /** The response in the AWS API's field names; undefined prints nothing, as for `aws kms disable-key`. */
  output(response: Response): OutputDocument | undefined;
}

/** A call with its request built, waiting for a client. */
export type PreparedCall<Client> = (client: Client, signal: AbortSignal) => Promise<OutputDocument | undefined>;

/** A command with its request and response types hidden, as a group holds it. */
export interface Command<Client> {
  readonly name: string;
  readonly operation: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  /** Validates the flags into a request before any connection is made. */
  prepare(flags: ParsedFlags, principal: commonV1.Principal): PreparedCall<Client>;
}

/** Declares a command. */
export function defineCommand<Client, Request, Response>(spec: CommandSpec<Client, Request, Response>): Command<Client> {
  return {
    name: spec.name,
    operation: spec.operation,
    summary: spec.summary,
    flags: spec.flags,
    prepare(flags, principal) {
      const request = spec.request(flags, principal);
      return async (client, signal) => spec.output(await spec.call(client, request, signal));
    },
  };
}
