/**
 * The `strongroom` command line: `strongroom [global options] <group>
 * <command> [options]`, talking gRPC to a running stack, in the manner of
 * `aws kms ...`. {@link runCli} runs one command line in-process.
 */
import { resolveConnection, resolveEndpoint } from './connection';
import { EXIT_CODE, UsageError, describeFailure, type CallSite } from './errors';
import { checkRequired, parseFlags } from './flags';
import { GLOBAL_FLAGS, globalOptions } from './global-options';
import { commandUsage, groupUsage, topUsage } from './help';
import type { CliIo } from './io';
import { renderOutput } from './output';
import { COMMAND_GROUPS } from './registry';

export type { CliIo } from './io';

/** A record whose fields are filled in as the run proceeds. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const GLOBAL_VALUE_FLAGS = new Set(GLOBAL_FLAGS.filter((flag) => flag.kind !== 'boolean').map((flag) => `--${flag.name}`));

/** A command line split into its group and command words, the flags around them, and whether help was asked for. */
interface CommandLine {
  readonly words: readonly string[];
  readonly flags: readonly string[];
  readonly help: boolean;
}

/**
 * Takes the first two words as group and command, skipping global flags and
 * their values before them. A trailing `help` (not a flag's value) asks for
 * help, as `aws kms encrypt help` does.
 */
function splitCommandLine(argv: readonly string[]): CommandLine {
  const help = argv.length > 0 && argv[argv.length - 1] === 'help' && !(argv[argv.length - 2]?.startsWith('-') ?? false);
  const args = help ? argv.slice(0, -1) : argv;
  const words: string[] = [];
  const flags: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (words.length === 2 || arg === '--') {
      flags.push(...args.slice(index));
      break;
    }
    if (!arg.startsWith('-')) {
      words.push(arg);
      continue;
    }
    flags.push(arg);
    const value = args[index + 1];
    if (GLOBAL_VALUE_FLAGS.has(arg) && value !== undefined) {
      flags.push(value);
      index += 1;
    }
  }
  return { words, flags, help };
}

/** Prints usage: on stdout when asked for, else on stderr before a usage error. */
function usage(io: CliIo, text: string, asked: boolean, missing: string): number {
  if (asked) {
    io.stdout(text);
    return EXIT_CODE.ok;
  }
  io.stderr(text);
  throw new UsageError(`the following arguments are required: ${missing}`);
}

async function run(argv: readonly string[], io: CliIo, site: Mutable<CallSite>): Promise<number> {
  const line = splitCommandLine(argv);
  const [groupName, commandName] = line.words;
  if (groupName === undefined) {
    return usage(io, topUsage(COMMAND_GROUPS), line.help || parseFlags(line.flags, GLOBAL_FLAGS).boolean('help'), '<group>');
  }
  const group = COMMAND_GROUPS.find((candidate) => candidate.name === groupName);
  if (group === undefined) {
    throw new UsageError(`argument group: Invalid choice '${groupName}', valid choices are: ${COMMAND_GROUPS.map((candidate) => candidate.name).join(', ')}`);
  }
  if (commandName === undefined) {
    return usage(io, groupUsage(group), line.help || parseFlags(line.flags, GLOBAL_FLAGS).boolean('help'), '<command>');
  }
  const command = group.commands.find((candidate) => candidate.name === commandName);
  if (command === undefined) throw new UsageError(`argument command: Invalid choice '${commandName}'; see 'strongroom ${group.name} --help'`);

  const flags = parseFlags(line.flags, [...GLOBAL_FLAGS, ...command.flags]);
  if (line.help || flags.boolean('help')) {
    io.stdout(commandUsage(group, command));
    return EXIT_CODE.ok;
  }
  checkRequired(flags, command.flags);
  const options = globalOptions(flags, io.env);
  site.operation = command.operation;
  site.endpoint = resolveEndpoint(flags, io.env, group.endpoint);
  site.dialect = group.errorDialect;
  const call = group.prepare(command.name, flags, options.principal);
  const connection = resolveConnection(flags, io.env, site.endpoint);
  const signal = options.readTimeoutMs === 0 ? new AbortController().signal : AbortSignal.timeout(options.readTimeoutMs);
  io.stdout(renderOutput(await call(connection, signal), options.output));
  return EXIT_CODE.ok;
}

/**
 * Runs one command line (`argv` without the node and script paths) and
 * returns the exit code: 0, 252 usage, 253 configuration, 254 service error,
 * 255 connection failure. Failures are one line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const site: Mutable<CallSite> = { operation: '', endpoint: '', dialect: 'kms' };
  try {
    return await run(argv, io, site);
  } catch (error) {
    const failure = describeFailure(error, site);
    io.stderr(`${failure.message}\n`);
    return failure.exitCode;
  }
}
