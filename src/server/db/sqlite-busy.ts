/**
 * Waiting for SQLite's write lock without blocking the event loop.
 *
 * Several processes share one SQLite file (`serve --workers N`, a server and `people add`): writes
 * take turns on the database's one write lock. SQLite's own busy handler (busy_timeout) waits for it
 * by sleeping inside the statement — synchronously, as better-sqlite3 runs statements on the main
 * thread — so while another worker held the lock, every request of this worker stood still (measured
 * in a write storm on two workers: the loop held for up to ~450 ms, p99 ~200 ms). Instead the
 * serving connection has busy_timeout 0: a statement that finds the lock taken fails at once with
 * SQLITE_BUSY, and is retried after a short timer, the event loop running in between.
 *
 * Retrying is safe only where the failed attempt changed nothing: a statement in autocommit mode (it
 * is its own transaction) or the BEGIN of a transaction. So Kysely's transactions begin with BEGIN
 * IMMEDIATE — the write lock is taken, or waited for here, before the first statement — and the
 * statements inside never meet SQLITE_BUSY (WAL readers never block a writer). A deferred BEGIN would
 * meet it at its first write, mid-transaction, where it cannot be retried.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import { systemClock } from '../lib/clock.js';

/** How long a write waits for another connection's lock before failing (as busy_timeout did). */
export const BUSY_TIMEOUT_MS = 5_000;
/** First and longest pause between attempts; doubling in between, with jitter so waiters spread. */
const FIRST_PAUSE_MS = 1;
const LONGEST_PAUSE_MS = 20;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** The pause before attempt `attempt` (0-based) after a busy answer. */
export function busyPause(attempt: number): number {
  const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** attempt);
  return pause / 2 + Math.random() * pause;
}

/** Runs `attempt` again after a timer while it answers SQLITE_BUSY, for up to BUSY_TIMEOUT_MS. */
export async function retryWhileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  // Waits pass in real time whatever the business clock says: the system clock.
  const deadline = systemClock.now() + BUSY_TIMEOUT_MS;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || systemClock.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, busyPause(tries)));
    }
  }
}

/** Kysely's connection, with statements outside a transaction retried while busy. */
function nonBlocking(connection: DatabaseConnection, raw: BetterSqlite3.Database): DatabaseConnection {
  return {
    executeQuery(query) {
      // Kysely's SQLite connection throws synchronously; inside a transaction nothing is retried.
      if (raw.inTransaction) return connection.executeQuery(query);
      return retryWhileBusy(async () => connection.executeQuery(query));
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

class NonBlockingSqliteDriver extends SqliteDriver {
  readonly #raw: BetterSqlite3.Database;
  constructor(config: SqliteDialectConfig, raw: BetterSqlite3.Database) {
    super(config);
    this.#raw = raw;
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    return nonBlocking(await super.acquireConnection(), this.#raw);
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Kysely's SQLite dialect on `connection`, whose busy_timeout the caller sets to 0 once it serves. */
export class NonBlockingSqliteDialect extends SqliteDialect {
  readonly #connection: BetterSqlite3.Database;
  constructor(connection: BetterSqlite3.Database) {
    super({ database: connection });
    this.#connection = connection;
  }
  override createDriver(): Driver {
    return new NonBlockingSqliteDriver({ database: this.#connection }, this.#connection);
  }
}
