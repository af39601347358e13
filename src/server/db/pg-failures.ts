/**
 * Which errors from `pg` mean "the database is away" and which only "not now". The first kind trips
 * the guard (pg-guard.ts: every connection is dropped and rebuilt once a probe gets through); both
 * are answered 503 with Retry-After, never 500: neither is the request's fault, and a retry later can
 * succeed. Anything else (a constraint violation, a syntax error) is a real error and passes through.
 */

/** Socket errors: refused, reset, or no route to the database. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going or gone: class 08 (connection exception), and admin_shutdown,
 * crash_shutdown, cannot_connect_now (starting up or in recovery, e.g. a replica being promoted).
 */
const GONE_STATES = new Set(['57P01', '57P02', '57P03']);

/**
 * SQLSTATEs that are temporary but say nothing about reachability: statement_timeout or a cancel
 * (57014), lock_timeout (55P03), too many connections (53300), and this session ended by
 * idle_in_transaction_session_timeout (25P03).
 */
const BUSY_STATES = new Set(['57014', '55P03', '53300', '25P03']);

/**
 * pg's own messages for a connection that died or never answered (it gives them no code):
 * "Connection terminated unexpectedly", "Connection terminated due to connection timeout",
 * "Query read timeout" (query_timeout), "Client has encountered a connection error and is not queryable".
 */
const GONE_MESSAGES = /^(Connection terminated|Query read timeout|Client has encountered a connection error|Client was closed|timeout expired)/;

/** pg-pool's wait for a free client ran out: the pool is busy, not necessarily the database away. */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';
/** A request that was acquiring from a pool the guard just retired (the outage began meanwhile). */
const POOL_ENDED = 'Cannot use a pool after calling end on the pool';

function fieldsOf(error: unknown): { code: string | undefined; message: string } {
  if (typeof error !== 'object' || error === null) return { code: undefined, message: String(error) };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : '' };
}

/** The database or this connection to it is gone: reconnect before trusting any connection again. */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = fieldsOf(error);
  if (code !== undefined && (NETWORK_CODES.has(code) || GONE_STATES.has(code) || code.startsWith('08'))) return true;
  return GONE_MESSAGES.test(message);
}

/** Temporary, but the connection is fine: answer 503, keep going. */
export function isBusyFailure(error: unknown): boolean {
  const { code, message } = fieldsOf(error);
  return (code !== undefined && BUSY_STATES.has(code)) || message === POOL_WAIT_TIMEOUT || message === POOL_ENDED;
}

/** A short description for the outage log line: code and message, never a stack or a query. */
export function describeFailure(error: unknown): { code?: string; message: string } {
  const { code, message } = fieldsOf(error);
  return code === undefined ? { message } : { code, message };
}
