import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { systemClock } from '../lib/clock.js';
import { type ApiKeyAuthRow, type AuthFailureCount, type Database, HOT_SQL, type PersonAuthRow, type ProjectRow, pingDatabase } from './database.js';
import { freshReadsPerTurn } from './fresh-read.js';
import { migrateToLatest } from './migrations.js';
import { BUSY_TIMEOUT_MS, busyPause, isBusy, NonBlockingSqliteDialect } from './sqlite-busy.js';
import type { DatabaseSchema } from './schema.js';

/**
 * The embedded default: better-sqlite3 in WAL mode (readers never wait for the writer). Kysely owns
 * the one writing connection; the hot-path lookups use a read-only connection of their own (see
 * below). better-sqlite3 is synchronous, so a prepared `get` costs microseconds and never yields to
 * the event loop mid-statement. Each statement takes and releases the WAL read lock (two fcntl
 * calls), which is most of what a one-row read costs: so the requests of one event-loop turn share
 * one epoch read (fresh-read.ts).
 */
const DRIVER = 'sqlite';

/**
 * SQLite binds `?` by position, so a statement written with PostgreSQL's `$n` (some used twice) is
 * rewritten to `?` and its values are bound in the order the placeholders appear.
 */
function positional(text: string): { sql: string; order: number[] } {
  return { sql: text.replace(/\$\d+/g, '?'), order: [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1) };
}

function bind(order: number[], values: unknown[]): unknown[] {
  return order.map((i) => values[i]);
}

/**
 * Switching a fresh file to WAL takes an exclusive lock. When several processes open the file at the
 * same moment (a server and `people add`), SQLite answers SQLITE_BUSY at once to all but one — to
 * avoid a deadlock it does not wait the busy timeout here — so the switch is retried, briefly, for up
 * to the same time. Once one process has switched, the file stays in WAL and the others just agree.
 */
async function enableWal(connection: BetterSqlite3.Database): Promise<void> {
  // Waits pass in real time whatever the business clock says: the system clock.
  const deadline = systemClock.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      connection.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || systemClock.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
    }
  }
}

export async function openSqlite(filename: string): Promise<Database> {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const connection = new BetterSqlite3(filename, { timeout: BUSY_TIMEOUT_MS });
  await enableWal(connection);
  connection.pragma('foreign_keys = ON');
  const kysely = new Kysely<DatabaseSchema>({ dialect: new NonBlockingSqliteDialect(connection) });
  try {
    // Kysely takes no migration lock on SQLite (it assumes one connection), but two processes may
    // open one file (a server and `people add`, or two servers). An immediate transaction holds the
    // database's write lock for the whole migration; the other process waits (busy_timeout), then
    // finds the schema up to date. SQLite DDL is transactional, so a failed migration leaves nothing.
    connection.exec('BEGIN IMMEDIATE');
    try {
      await migrateToLatest(kysely as Kysely<unknown>, DRIVER);
      connection.exec('COMMIT');
    } catch (error) {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  // From here on, serving: a write that finds another process's lock is retried after a timer
  // (sqlite-busy.ts) rather than sleeping in SQLite's busy handler with the event loop held.
  connection.pragma('busy_timeout = 0');

  // The hot path reads through a connection of its own, read-only: Kysely's connection may be in
  // the middle of a transaction (its statements are awaited one by one, and other requests run in
  // between), and a lookup on that connection would see the transaction's uncommitted rows. WAL
  // lets this reader run alongside the writer and always see the last committed state, so a
  // revocation committed by any connection or process applies to the reader's next statement.
  // An in-memory database exists only inside its one connection: there, reads share it.
  const inMemory = filename === ':memory:' || filename === '';
  const reader = inMemory ? connection : new BetterSqlite3(filename, { readonly: true });
  if (reader !== connection) reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

  // Raw mode (arrays, not objects) and a fixed-shape object built here: measurably cheaper per call
  // than better-sqlite3 naming every column of every row.
  const authEpoch = reader.prepare<[], number>(HOT_SQL.authEpoch).pluck(true);
  const apiKeyByHash = reader.prepare<[string], unknown[]>(positional(HOT_SQL.apiKeyByHash).sql).raw(true);
  const personByTokenHash = reader.prepare<[string], PersonAuthRow>(positional(HOT_SQL.personByTokenHash).sql);
  const projectsOf = reader.prepare<[string], ProjectRow>(positional(HOT_SQL.projectsOf).sql);
  const writer = createStandaloneWriter(connection);
  const touch = positional(HOT_SQL.touchApiKey);
  const touchStatement = connection.prepare(touch.sql);
  const count = positional(HOT_SQL.countAuthFailure);
  const countStatement = connection.prepare<unknown[], { window_start: number; failures: number }>(count.sql);
  const prune = positional(HOT_SQL.pruneAuthFailures);
  const pruneStatement = connection.prepare(prune.sql);

  return {
    driver: 'sqlite',
    kysely,
    hot: {
      apiKeyByHash: (hash) => {
        const r = apiKeyByHash.get(hash);
        if (r === undefined) return undefined;
        // Column order as in HOT_SQL.apiKeyByHash.
        const row: ApiKeyAuthRow = {
          id: r[0] as string,
          organization_id: r[1] as string,
          name: r[2] as string,
          capabilities: r[3] as string,
          can_impersonate: r[4] as number,
          last_used_at: r[5] as string | null,
          expires_at: r[6] as string | null,
          retire_at: r[7] as string | null,
          first_used_at: r[8] as string | null,
          org_slug: r[9] as string,
          org_name: r[10] as string,
          auth_epoch: r[11] as number,
          allowed_addresses: r[12] as string | null,
        };
        return row;
      },
      authEpoch: freshReadsPerTurn(() => authEpoch.get()!),
      readsCommittedOnly: !inMemory,
      personByTokenHash: (hash) => personByTokenHash.get(hash),
      projectsOf: (organizationId) => projectsOf.all(organizationId),
      touchApiKey: (id, at) => writer.run(() => void touchStatement.run(bind(touch.order, [at, id]))),
      countAuthFailure: (address, nowMs, windowMs, max, failures) =>
        writer.run((): AuthFailureCount => {
          const row = countStatement.get(bind(count.order, [address, nowMs, windowMs, max, failures]))!;
          return { windowStart: row.window_start, failures: row.failures };
        }),
      pruneAuthFailures: (beforeMs) => writer.run(() => void pruneStatement.run(bind(prune.order, [beforeMs]))),
    },
    ping: () => pingDatabase(kysely),
    async close() {
      if (reader !== connection && reader.open) reader.close();
      // Kysely's destroy closes the better-sqlite3 connection (and, as the last one, checkpoints the WAL).
      await kysely.destroy();
    },
  };
}

/** How long a standalone write waits for Kysely's connection to leave a transaction before looking again. */
const BUSY_RETRY_MS = 5;

/**
 * Small writes that belong to no request's transaction ("last used", failed sign-in counts) run on
 * Kysely's connection (one writer per process: a second writing connection would wait on this
 * process's own write lock while blocking the event loop), but never inside someone else's
 * transaction: a write that joined a transaction which then rolled back would be lost. Writes
 * requested in one turn of the event loop are committed together, in a transaction of their own,
 * once the connection is outside any transaction; each caller's promise settles with its result.
 */
function createStandaloneWriter(connection: BetterSqlite3.Database) {
  interface Job {
    work(): unknown;
    resolve(value: unknown): void;
    reject(error: unknown): void;
  }
  const runAll = connection.transaction((batch: Job[]) => batch.map((job) => job.work()));
  let queued: Job[] = [];
  let scheduled = false;
  /** While another process holds the write lock: since when, and how many attempts (sqlite-busy.ts). */
  let busySince = 0;
  let busyTries = 0;

  function commit(): void {
    if (connection.open && connection.inTransaction) {
      setTimeout(commit, BUSY_RETRY_MS);
      return;
    }
    scheduled = false;
    const batch = queued;
    queued = [];
    let results: unknown[];
    try {
      // IMMEDIATE: the write lock is taken by BEGIN, so a busy answer comes before anything ran.
      results = runAll.immediate(batch);
    } catch (error) {
      if (isBusy(error) && (busyTries === 0 || systemClock.now() - busySince < BUSY_TIMEOUT_MS)) {
        if (busyTries === 0) busySince = systemClock.now();
        queued = [...batch, ...queued];
        scheduled = true;
        setTimeout(commit, busyPause(busyTries++));
        return;
      }
      busyTries = 0;
      for (const job of batch) job.reject(error);
      return;
    }
    busyTries = 0;
    batch.forEach((job, i) => job.resolve(results[i]));
  }

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (scheduled) return;
        scheduled = true;
        // A microtask: the write still lands before this request's response is sent (tests and
        // clients that read "last used" right after a call see it), after everything queued with it.
        queueMicrotask(commit);
      });
    },
  };
}
