import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type ApiKeyAuthRow, type Database, HOT_SQL, type PersonAuthRow, type ProjectRow, pingDatabase } from './database.js';
import { migrateToLatest } from './migrations.js';
import type { DatabaseSchema } from './schema.js';

/**
 * The embedded default: better-sqlite3 in WAL mode (readers never wait for the writer). Kysely owns
 * the one writing connection; the hot-path lookups use a read-only connection of their own (see
 * below). better-sqlite3 is synchronous, so a prepared `get` costs microseconds, never yields to the
 * event loop mid-statement, and lets authentication answer without a promise.
 */
/** How long a statement waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Switching a fresh file to WAL takes an exclusive lock. When several processes open the file at the
 * same moment (a server and `people add`), SQLite answers SQLITE_BUSY at once to all but one — to
 * avoid a deadlock it does not wait the busy timeout here — so the switch is retried, briefly, for up
 * to the same time. Once one process has switched, the file stays in WAL and the others just agree.
 */
async function enableWal(connection: BetterSqlite3.Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      connection.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
    }
  }
}

export async function openSqlite(filename: string): Promise<Database> {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const connection = new BetterSqlite3(filename, { timeout: BUSY_TIMEOUT_MS });
  await enableWal(connection);
  connection.pragma('foreign_keys = ON');
  const kysely = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: connection }) });
  try {
    // Kysely takes no migration lock on SQLite (it assumes one connection), but two processes may
    // open one file (a server and `people add`, or two servers). An immediate transaction holds the
    // database's write lock for the whole migration; the other process waits (busy_timeout), then
    // finds the schema up to date. SQLite DDL is transactional, so a failed migration leaves nothing.
    connection.exec('BEGIN IMMEDIATE');
    try {
      await migrateToLatest(kysely as Kysely<unknown>);
      connection.exec('COMMIT');
    } catch (error) {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    await kysely.destroy();
    throw error;
  }

  const positional = (text: string) => text.replace(/\$\d+/g, '?');

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
  const apiKeyByHash = reader.prepare<[string], unknown[]>(positional(HOT_SQL.apiKeyByHash)).raw(true);
  const personByTokenHash = reader.prepare<[string], PersonAuthRow>(positional(HOT_SQL.personByTokenHash));
  const projectsOf = reader.prepare<[string], ProjectRow>(positional(HOT_SQL.projectsOf));
  const lastUsed = createLastUsedWriter(connection, positional(HOT_SQL.touchApiKey));

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
          org_slug: r[6] as string,
          org_name: r[7] as string,
        };
        return row;
      },
      personByTokenHash: (hash) => personByTokenHash.get(hash),
      projectsOf: (organizationId) => projectsOf.all(organizationId),
      touchApiKey: (id, at) => lastUsed.write(id, at),
    },
    ping: () => pingDatabase(kysely),
    async close() {
      if (reader !== connection && reader.open) reader.close();
      // Kysely's destroy closes the better-sqlite3 connection (and, as the last one, checkpoints the WAL).
      await kysely.destroy();
    },
  };
}

/** How long a "last used" write waits for Kysely's connection to leave a transaction before looking again. */
const BUSY_RETRY_MS = 5;

/**
 * "Last used" writes on Kysely's connection (one writer per process: a second writing connection
 * would wait on this process's own write lock while blocking the event loop), but never inside
 * someone else's transaction: a write that joined a transaction which then rolled back would be
 * lost. Writes requested in one turn of the event loop are committed together, in a transaction of
 * their own, once the connection is outside any transaction; each caller's promise settles with it.
 */
function createLastUsedWriter(connection: BetterSqlite3.Database, sql: string) {
  // `$1` appears twice in touchApiKey: with `?` placeholders, the time is bound twice.
  const touch = connection.prepare<[string, string, string]>(sql);
  const writeAll = connection.transaction((batch: { id: string; at: string }[]) => {
    for (const { id, at } of batch) touch.run(at, id, at);
  });
  let queued: { id: string; at: string; resolve(): void; reject(error: unknown): void }[] = [];
  let scheduled = false;

  function commit(): void {
    if (connection.open && connection.inTransaction) {
      setTimeout(commit, BUSY_RETRY_MS);
      return;
    }
    scheduled = false;
    const batch = queued;
    queued = [];
    try {
      writeAll(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    for (const item of batch) item.resolve();
  }

  return {
    write(id: string, at: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queued.push({ id, at, resolve, reject });
        if (scheduled) return;
        scheduled = true;
        // A microtask: the write still lands before this request's response is sent (tests and
        // clients that read "last used" right after a call see it), after everything queued with it.
        queueMicrotask(commit);
      });
    },
  };
}
