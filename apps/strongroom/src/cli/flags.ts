/**
 * Command-line flags: a declarative spec per flag, parsed with `node:util`
 * parseArgs. A `list` flag takes every word up to the next flag, as the AWS
 * CLI's `--operations Decrypt Encrypt` does.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

/** How a flag takes its value. */
export type FlagKind = 'string' | 'list' | 'boolean';

/** One flag a command (or the CLI as a whole) accepts. */
export interface FlagSpec {
  /** The long name without dashes, e.g. `key-id`. */
  readonly name: string;
  /** @default 'string' */
  readonly kind?: FlagKind;
  /** A one-letter alias, e.g. `h` for `--help`. */
  readonly short?: string;
  /** Whether the command refuses to run without it. */
  readonly required?: boolean;
  /** What the value looks like in the usage text. @default 'value' */
  readonly placeholder?: string;
  /** One sentence for the usage text. */
  readonly description: string;
}

type FlagValue = string | string[] | true;

/** The flags a command line gave, by long name. */
export class ParsedFlags {
  readonly #values: ReadonlyMap<string, FlagValue>;

  constructor(values: ReadonlyMap<string, FlagValue>) {
    this.#values = values;
  }

  /** Whether the flag was given. */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** The value of a string flag, or undefined when absent. */
  string(name: string): string | undefined {
    const value = this.#values.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** The value of a flag the spec marks required (checked by {@link checkRequired}). */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UsageError(`the following arguments are required: --${name}`);
    return value;
  }

  /** The words given to a list flag, empty when absent. */
  list(name: string): string[] {
    const value = this.#values.get(name);
    return Array.isArray(value) ? value : [];
  }

  /** Whether a boolean flag was set. */
  boolean(name: string): boolean {
    return this.#values.get(name) === true;
  }
}

/** Node's parseArgs errors (known by code: `instanceof` fails across realms, as under jest), in the AWS CLI's wording. */
function usageErrorFrom(error: unknown): unknown {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') return error;
  const option = /Option '(?:-\w, )?(--[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`Unknown options: ${/'([^']+)'/.exec(message)?.[1] ?? ''}`);
  if (option !== undefined && message.includes('argument missing')) return new UsageError(`argument ${option}: expected one argument`);
  if (option !== undefined && message.includes('ambiguous')) {
    return new UsageError(`argument ${option}: expected one argument (write ${option}=<value> for a value starting with '-')`);
  }
  return new UsageError(message.split('\n')[0] ?? message);
}

/**
 * Parses `argv` against `specs`. Unknown flags and stray words are usage
 * errors; required flags are checked separately, so that `--help` works on a
 * command line that is otherwise incomplete.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  const kinds = new Map<string, FlagKind>();
  for (const spec of specs) {
    const kind = spec.kind ?? 'string';
    kinds.set(spec.name, kind);
    options[spec.name] = { type: kind === 'boolean' ? 'boolean' : 'string', ...(spec.short === undefined ? {} : { short: spec.short }) };
  }
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true, tokens: true }));
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const values = new Map<string, FlagValue>();
  let openList: string[] | undefined;
  for (const token of tokens) {
    if (token.kind === 'option') {
      const kind = kinds.get(token.name);
      if (kind === 'list') {
        openList = (values.get(token.name) as string[] | undefined) ?? [];
        openList.push(token.value ?? '');
        values.set(token.name, openList);
      } else {
        openList = undefined;
        values.set(token.name, kind === 'boolean' ? true : (token.value ?? ''));
      }
    } else if (token.kind === 'positional') {
      if (openList === undefined) throw new UsageError(`Unknown options: ${token.value}`);
      openList.push(token.value);
    } else {
      openList = undefined;
    }
  }
  return new ParsedFlags(values);
}

/** Fails naming every required flag the command line left out. */
export function checkRequired(flags: ParsedFlags, specs: readonly FlagSpec[]): void {
  const missing = specs.filter((spec) => spec.required === true && !flags.has(spec.name)).map((spec) => `--${spec.name}`);
  if (missing.length > 0) throw new UsageError(`the following arguments are required: ${missing.join(', ')}`);
}
