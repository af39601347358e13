import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { type ApiKeyAuthRow, type Database, HOT_SQL, type PersonAuthRow, type ProjectRow } from './database.js';
import { migrateToLatest } from './migrations.js';
import type { DatabaseSchema } from './schema.js';

/**
 * The embedded default: one better-sqlite3 connection in WAL mode (readers never wait for the
 * writer), shared by Kysely and the prepared hot statements. better-sqlite3 is synchronous, so a
 * prepared `get` costs microseconds and never yields to the event loop mid-statement.
 */
export async function openSqlite(filename: string): Promise<Database> {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const connection = new BetterSqlite3(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
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
  // Raw mode (arrays, not objects) and a fixed-shape object built here: measurably cheaper per call
  // than better-sqlite3 naming every column of every row.
  const apiKeyByHash = connection.prepare<[string], unknown[]>(positional(HOT_SQL.apiKeyByHash)).raw(true);
  const personByTokenHash = connection.prepare<[string], PersonAuthRow>(positional(HOT_SQL.personByTokenHash));
  const projectsOf = connection.prepare<[string], ProjectRow>(positional(HOT_SQL.projectsOf));
  // `$1` appears twice in touchApiKey: with `?` placeholders, the time is bound twice.
  const touchApiKey = connection.prepare<[string, string, string]>(positional(HOT_SQL.touchApiKey));

  return {
    driver: 'sqlite',
    kysely,
    hot: {
      apiKeyByHash: async (hash) => {
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
      personByTokenHash: async (hash) => personByTokenHash.get(hash),
      projectsOf: async (organizationId) => projectsOf.all(organizationId),
      touchApiKey: async (id, at) => {
        touchApiKey.run(at, id, at);
      },
    },
    async ping() {
      try {
        await sql`SELECT 1`.execute(kysely);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      // Kysely's destroy closes the better-sqlite3 connection (and checkpoints the WAL).
      await kysely.destroy();
    },
  };
}
