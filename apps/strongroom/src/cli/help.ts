/** The usage texts of `--help`, at the top, group and command levels. */
import type { FlagSpec } from './flags';
import { GLOBAL_FLAGS } from './global-options';
import type { CommandGroup, CommandInfo, EndpointSpec } from './group';

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

/** One row per service: the groups that call it, and where its address comes from. */
function endpointRows(groups: readonly CommandGroup[]): [string, string][] {
  const services = new Map<string, { names: string[]; endpoint: EndpointSpec }>();
  for (const group of groups) {
    const service = services.get(group.endpoint.env);
    if (service === undefined) services.set(group.endpoint.env, { names: [group.name], endpoint: group.endpoint });
    else service.names.push(group.name);
  }
  return [...services.values()].map(({ names, endpoint }) => [
    names.join(', '),
    `${endpoint.flag === undefined ? '' : `--${endpoint.flag}, else `}$${endpoint.env}, else ${endpoint.fallback}`,
  ]);
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
    '\nDefault endpoints (--endpoint overrides them for one command):\n',
    table(endpointRows(groups)),
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
