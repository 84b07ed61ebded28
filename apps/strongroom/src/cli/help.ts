/** The usage texts of `--help`, at the top, group and command levels. */
import type { FlagSpec } from './flags';
import { GLOBAL_FLAGS } from './global-options';
import type { CommandGroup, CommandInfo } from './group';

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}\n`).join('');
}

function flagSynopsis(flag: FlagSpec): string {
  const kind = flag.kind ?? 'string';
  if (kind === 'boolean') return flag.short === undefined ? `--${flag.name}` : `-${flag.short}, --${flag.name}`;
  const value = `<${flag.placeholder ?? 'value'}>`;
  return kind === 'list' ? `--${flag.name} ${value} [${value} ...]` : `--${flag.name} ${value}`;
}

function flagRows(flags: readonly FlagSpec[]): [string, string][] {
  return flags.map((flag) => [flagSynopsis(flag), `${flag.required === true ? '(required) ' : ''}${flag.description}`]);
}

/** `strongroom --help`. */
export function topUsage(groups: readonly CommandGroup[]): string {
  return [
    'usage: strongroom [global options] <group> <command> [options]\n',
    '\nTalks gRPC to a running Strongroom stack (start one with `npm start`). Binary values are base64,',
    '\nor fileb://path; JSON values may be given as file://path.\n',
    '\nGroups:\n',
    table(groups.map((group) => [group.name, group.summary])),
    '\nGlobal options (allowed before or after the command):\n',
    table(flagRows(GLOBAL_FLAGS)),
    '\nDefault endpoints:\n',
    table(groups.map((group) => [group.name, `$${group.endpoint.env}, else ${group.endpoint.fallback}`])),
    "\nRun 'strongroom <group> --help' for a group's commands.\n",
  ].join('');
}

/** `strongroom <group> --help`. */
export function groupUsage(group: CommandGroup): string {
  return [
    `usage: strongroom ${group.name} <command> [options]\n`,
    `\n${group.summary}\n`,
    '\nCommands:\n',
    table(group.commands.map((command) => [command.name, command.summary])),
    `\nRun 'strongroom ${group.name} <command> --help' for a command's options, 'strongroom --help' for the global ones.\n`,
  ].join('');
}

/** `strongroom <group> <command> --help`. */
export function commandUsage(group: CommandGroup, command: CommandInfo): string {
  const synopsis = command.flags.map((flag) => (flag.required === true ? flagSynopsis(flag) : `[${flagSynopsis(flag)}]`));
  return [
    `usage: strongroom ${group.name} ${command.name}${synopsis.length > 0 ? ` ${synopsis.join(' ')}` : ''}\n`,
    `\n${command.summary} (${command.operation})\n`,
    command.flags.length > 0 ? `\nOptions:\n${table(flagRows(command.flags))}` : '',
    "\nGlobal options: see 'strongroom --help'.\n",
  ].join('');
}
