/**
 * Typed configuration from environment variables. A schema maps each field to
 * a reader; {@link parseEnv} runs every reader and reports every problem at
 * once, so an operator fixes a deployment in one pass rather than one
 * variable per restart.
 */
import { StartRefused } from './start-refused';

/** Reads one field from the environment; returns the value or a problem. */
export interface EnvReader<T> {
  readonly variable: string;
  read(env: NodeJS.ProcessEnv): Outcome<T>;
}

/** Thrown by {@link parseEnv}; its message lists every problem, one per line. */
export class ConfigError extends StartRefused {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Parsed<S> = { readonly [K in keyof S]: S[K] extends EnvReader<infer T> ? T : never };

/** Reads every field of the schema; throws one {@link ConfigError} naming every problem. */
export function parseEnv<S extends Record<string, EnvReader<unknown>>>(env: NodeJS.ProcessEnv, schema: S): Parsed<S> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [field, reader] of Object.entries(schema)) {
    const result = reader.read(env);
    if (result.ok) values[field] = result.value;
    else problems.push(`${reader.variable}: ${result.problem}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as Parsed<S>;
}

/** One variable's value, by {@link parseEnv} with one field: a ConfigError names its problem. */
export function parseSetting<T>(env: NodeJS.ProcessEnv, reader: EnvReader<T>): T {
  return parseEnv(env, { value: reader }).value;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string };

const valid = <T>(value: T): Outcome<T> => ({ ok: true, value });
const invalid = <T>(problem: string): Outcome<T> => ({ ok: false, problem });

function reader<T>(variable: string, parse: (raw: string) => Outcome<T>, fallback: T | undefined): EnvReader<T> {
  return {
    variable,
    read(env) {
      const raw = env[variable];
      if (raw === undefined || raw === '') {
        return fallback === undefined ? { ok: false, problem: 'is required' } : { ok: true, value: fallback };
      }
      return parse(raw);
    },
  };
}

/** A string, optionally checked against a pattern. Omit the default to make it required. */
export function text(variable: string, options: { default?: string; pattern?: RegExp; hint?: string } = {}): EnvReader<string> {
  return reader(
    variable,
    (raw) => (options.pattern && !options.pattern.test(raw) ? invalid(`must be ${options.hint ?? `like ${options.pattern}`}`) : valid(raw)),
    options.default,
  );
}

/** An optional string: undefined when unset. */
export function optionalText(variable: string): EnvReader<string | undefined> {
  return { variable, read: (env) => ({ ok: true, value: env[variable] === '' ? undefined : env[variable] }) };
}

/** A timeout in milliseconds: 1 to the longest delay a Node timer takes (a longer one would fire at once). */
export function timeoutMs(variable: string, defaultMs: number): EnvReader<number> {
  return integer(variable, { default: defaultMs, min: 1, max: 2_147_483_647 });
}

/** An integer within bounds. */
export function integer(variable: string, options: { default?: number; min?: number; max?: number }): EnvReader<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return reader(
    variable,
    (raw) => {
      const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isSafeInteger(value) && value >= min && value <= max ? valid(value) : invalid(`must be an integer from ${min} to ${max}`);
    },
    options.default,
  );
}

const LISTEN_ADDRESS = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** A boolean written `true` or `false`. */
export function boolean(variable: string, fallback: boolean): EnvReader<boolean> {
  return reader(
    variable,
    (raw) => (raw === 'true' ? valid(true) : raw === 'false' ? valid(false) : invalid('must be true or false')),
    fallback,
  );
}

/** A listen address `host:port`, the port from 0 to 65535 (0 picks a free port). */
export function listenAddress(variable: string, fallback: string): EnvReader<string> {
  return reader(
    variable,
    (raw) => {
      const port = LISTEN_ADDRESS.exec(raw)?.[2];
      return port !== undefined && Number(port) <= 65535 ? valid(raw) : invalid('must be host:port with a port from 0 to 65535');
    },
    fallback,
  );
}
