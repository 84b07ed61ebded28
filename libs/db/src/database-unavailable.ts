/** Node's codes for a server that cannot be reached or dropped the connection. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions (class
 * 08), shutting down or starting up (57P01 to 57P03), too many connections
 * (53300).
 */
const UNAVAILABLE_STATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;

/** What pg says, with no code, of a connection that ended under it. */
const LOST_CONNECTION_MESSAGES = new Set([
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * True when `error` says PostgreSQL cannot serve now (unreachable, shutting
 * down, restarting, out of connections), a condition a retry may outlive,
 * rather than that a statement failed. Read by shape, not by class: a
 * socket's errors may come from another realm than the caller's Error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return UNREACHABLE_CODES.has(code) || UNAVAILABLE_STATE.test(code);
  return typeof message === 'string' && LOST_CONNECTION_MESSAGES.has(message);
}
