import { StartRefused } from '@strongroom/config';
import { Client, type Pool } from 'pg';

/** What a failed first connection means to an operator, by Node's error code or PostgreSQL's SQLSTATE. */
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing accepts connections there: start PostgreSQL, or correct the host and port in DATABASE_URL',
  ENOTFOUND: 'the host name does not resolve: correct the host in DATABASE_URL',
  EAI_AGAIN: 'the host name could not be resolved now: check DNS, or the host in DATABASE_URL',
  EHOSTUNREACH: 'the host cannot be reached: check the network, or the host in DATABASE_URL',
  ENETUNREACH: 'the network of that host cannot be reached: check the network, or the host in DATABASE_URL',
  '28P01': 'PostgreSQL refused the password: correct the user or password in DATABASE_URL',
  '28000': 'PostgreSQL does not let this user connect from here (pg_hba.conf): correct DATABASE_URL, or allow the user',
  '3D000': 'that database does not exist: create it, or correct the database name in DATABASE_URL',
  '57P03': 'PostgreSQL is starting or shutting down: start again once it accepts connections',
  '53300': 'PostgreSQL has no connection left for this user: raise max_connections, or close other clients',
};

/**
 * Whether an `@` comes after the first `?` or `#`: a password holding an
 * unescaped `?` or `#` (`postgres://app:2024?pw@db/app`), which pg and the
 * URL parser both read as host `app`, port `2024` and a query, so that a
 * description of the target would quote part of the password.
 */
function hasUnescapedPasswordDelimiter(connectionString: string): boolean {
  const delimiters = [connectionString.indexOf('?'), connectionString.indexOf('#')].filter((index) => index >= 0);
  return delimiters.length > 0 && connectionString.lastIndexOf('@') > Math.min(...delimiters);
}

/**
 * User, host (a Unix socket's directory too), port and database of a
 * connection string, read by pg's own parser, so that every form pg
 * connects with is described (`postgres://user@/db?host=/run/postgresql`,
 * which the URL parser refuses, too): never its password, nor the string
 * itself (its query may hold one). Undefined when pg cannot read it.
 */
function describeTarget(connectionString: string): string | undefined {
  if (hasUnescapedPasswordDelimiter(connectionString)) return 'the host DATABASE_URL names (its password holds an unescaped ? or #: percent-encode it)';
  try {
    const { user, host, port, database } = new Client({ connectionString });
    return `${user ? `${user}@` : ''}${host}:${port}/${database ?? ''}`;
  } catch {
    return undefined;
  }
}

/** The error's code, read by shape: pg's and Node's errors carry one. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Connects once before anything else uses the database, so that a start on
 * a database that cannot be used is refused with one line saying why and
 * what to do (a {@link StartRefused}), rather than with the stack of the
 * first migration. Neither the message nor anything attached to it quotes
 * the connection string: it may hold a password.
 */
export async function requireReachableDatabase(pool: Pool, connectionString: string): Promise<void> {
  const target = describeTarget(connectionString);
  if (target === undefined) throw new StartRefused('DATABASE_URL is not a valid URL: give it as postgres://user:password@host:port/database');
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    const code = codeOf(error);
    const reason = (code === undefined ? undefined : REASONS[code]) ?? `${error instanceof Error ? error.message : String(error)}`;
    throw new StartRefused(`cannot connect to the database at ${target} (DATABASE_URL): ${reason}`);
  }
}
