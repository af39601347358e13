/**
 * Every wait on PostgreSQL has a bound. Without them (as `pg` ships) a database that goes silent
 * holds every request forever: no connect timeout, no query timeout, no keepalive.
 *
 * The server-side settings are sent as startup parameters on each connection; a parameter of the
 * same name in DATABASE_URL (`?statement_timeout=30000`) wins, as `pg` reads the URL over its config.
 */
import type pg from 'pg';

export interface PgSettings {
  /** Opening a connection, or waiting for a free one in the pool (pg `connectionTimeoutMillis`). */
  connectMs: number;
  /** The server cancels a statement that runs longer (`statement_timeout`). */
  statementMs: number;
  /**
   * The server ends a session left idle inside a transaction this long
   * (`idle_in_transaction_session_timeout`), so a node cut off mid-transaction cannot hold its row
   * locks (the epoch row: every revoke) against the other nodes for longer.
   */
  idleInTransactionMs: number;
  /** The client stops waiting for an answer this long after sending (pg `query_timeout`): the last resort. */
  queryMs: number;
  /** TCP keepalive on every connection, first probe after this long idle: lets the kernel and NATs see dead links. */
  keepAliveInitialDelayMs: number;
  /** A database wait this old makes the guard check the database (pg-guard.ts). */
  stallMs: number;
  /**
   * A check that takes longer means the database is unreachable: half for opening the guard's
   * connection if it has none, half for its `SELECT 1` (so /api/health answers within a second).
   */
  probeMs: number;
  /**
   * How long one reconnect attempt may take (connect, then `SELECT 1`) while unreachable. Nobody
   * waits for it, so it is longer than a check (a loaded database may be slow to accept), yet short,
   * as an attempt lost in a failover hangs for all of it before the next one starts.
   */
  reconnectAttemptMs: number;
  /** Reconnect attempts while unreachable: exponential backoff with full jitter between these. */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
}

export const PG_DEFAULTS: PgSettings = {
  connectMs: 5_000,
  statementMs: 10_000,
  idleInTransactionMs: 10_000,
  queryMs: 12_000,
  keepAliveInitialDelayMs: 10_000,
  stallMs: 500,
  probeMs: 900,
  reconnectAttemptMs: 2_000,
  reconnectBaseMs: 200,
  reconnectMaxMs: 1_000,
};

/** The pool's connections. */
export function poolConfig(url: string, max: number, s: PgSettings): pg.PoolConfig {
  return {
    connectionString: url,
    max,
    application_name: 'rakerone-server',
    connectionTimeoutMillis: s.connectMs,
    statement_timeout: s.statementMs,
    idle_in_transaction_session_timeout: s.idleInTransactionMs,
    query_timeout: s.queryMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: s.keepAliveInitialDelayMs,
  };
}

/** Start-up migrations: the connect bound and keepalive, no statement timeouts (a backfill may take long). */
export function migrationPoolConfig(url: string, s: PgSettings): pg.PoolConfig {
  return {
    connectionString: url,
    max: 2,
    application_name: 'rakerone-server-migrate',
    connectionTimeoutMillis: s.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: s.keepAliveInitialDelayMs,
  };
}

/** The guard's own connection (checks and reconnects): connecting and each query bounded by `timeoutMs`. */
export function probeConfig(url: string, s: PgSettings, timeoutMs: number): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: 'rakerone-server-probe',
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: s.keepAliveInitialDelayMs,
  };
}
