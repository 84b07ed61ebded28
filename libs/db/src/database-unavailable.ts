/** Node's codes for a connection that was made and then lost: whatever was sent last may or may not have run. */
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Node's codes for a connection that could not be made. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server that ended a session under it: shut down by an administrator (57P01) or by a crash (57P02). */
const ENDED_SESSION_STATE = /^57P0[12]$/;

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions
 * (class 08, but for 08P01, a protocol violation, which is the caller's
 * bug: a statement sent with the wrong number of parameters), starting up
 * or shutting down (57P03), too many connections (53300), a statement
 * cancelled (57014: past statement_timeout, as when a lock is held
 * elsewhere, or by an administrator), a session ended for sitting idle in
 * a transaction (25P03).
 */
const REFUSED_STATE = /^(08(?!P01)[0-9A-Z]{3}|57P03|53300|57014|25P03)$/;

/**
 * What pg says, with no code, of a connection that ended under it, or of a
 * statement left without an answer past its deadline (`query_timeout`;
 * the connection is then closed, see createPool).
 */
const LOST_CONNECTION_MESSAGES = new Set([
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
  'Query read timeout',
]);

/** What pg and its pool say, with no code, when no connection came within the deadline: none free, or none made (pool, client). */
const NO_CONNECTION_MESSAGES = new Set(['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout', 'timeout expired']);

/** An error's code and message, read by shape: under jest, a socket's errors are of another realm's Error class. */
function codeAndMessage(error: unknown): { code: unknown; message: unknown } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code, message };
}

/**
 * True when `error` says the connection to PostgreSQL was lost while in use:
 * what was sent last (a COMMIT, an autocommitted statement) may have run,
 * and its outcome is unknown.
 */
export function isConnectionLost(error: unknown): boolean {
  const seen = codeAndMessage(error);
  if (seen === undefined) return false;
  if (typeof seen.code === 'string') return LOST_CODES.has(seen.code) || ENDED_SESSION_STATE.test(seen.code);
  return typeof seen.message === 'string' && LOST_CONNECTION_MESSAGES.has(seen.message);
}

/**
 * True when `error` says PostgreSQL cannot serve now (unreachable, shutting
 * down, restarting, out of connections, too slow to answer within the
 * deadlines of createPool, or the connection lost), a
 * condition a retry may outlive, rather than that a statement failed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isConnectionLost(error)) return true;
  const seen = codeAndMessage(error);
  if (typeof seen?.code === 'string') return UNREACHABLE_CODES.has(seen.code) || REFUSED_STATE.test(seen.code);
  return typeof seen?.message === 'string' && NO_CONNECTION_MESSAGES.has(seen.message);
}
