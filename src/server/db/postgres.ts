import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type ApiKeyAuthRow, type Database, HOT_SQL, type PersonAuthRow, type ProjectRow, pingDatabase } from './database.js';
import { freshReads } from './fresh-read.js';
import { migrateToLatest } from './migrations.js';
import type { DatabaseSchema } from './schema.js';

const DRIVER = 'postgres';

/**
 * PostgreSQL for organizations that run several stateless server nodes on one database. The hot
 * statements are named, so each pooled connection parses and plans them once and then only binds.
 */
function withEpoch<Row extends { auth_epoch: number }>(row: Row | undefined): Row | undefined {
  if (row) row.auth_epoch = Number(row.auth_epoch);
  return row;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const kysely = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(kysely as Kysely<unknown>, DRIVER);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }

  async function rows<Row extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const result = await pool.query<Row>({ name, text, values });
    return result.rows;
  }

  // int8 arrives as a string from pg; the epoch is compared for equality only, as a number. Requests
  // that arrive while a read is in flight share the next one (sent after they arrived: fresh-read.ts).
  const authEpoch = freshReads(async () => Number((await rows<{ epoch: string }>('rkr_auth_epoch', HOT_SQL.authEpoch, []))[0]!.epoch));

  return {
    driver: 'postgres',
    kysely,
    hot: {
      authEpoch,
      readsCommittedOnly: true,
      apiKeyByHash: async (hash) => withEpoch((await rows<ApiKeyAuthRow>('rkr_api_key_by_hash', HOT_SQL.apiKeyByHash, [hash]))[0]),
      personByTokenHash: async (hash) => withEpoch((await rows<PersonAuthRow>('rkr_person_by_token', HOT_SQL.personByTokenHash, [hash]))[0]),
      countAuthFailure: async (address, nowMs, windowMs, max, failures) => {
        const [row] = await rows<{ window_start: string; failures: number }>('rkr_count_auth_failure', HOT_SQL.countAuthFailure, [address, nowMs, windowMs, max, failures]);
        return { windowStart: Number(row!.window_start), failures: row!.failures };
      },
      pruneAuthFailures: async (beforeMs) => {
        await rows('rkr_prune_auth_failures', HOT_SQL.pruneAuthFailures, [beforeMs]);
      },
      projectsOf: (organizationId) => rows<ProjectRow>('rkr_projects_of', HOT_SQL.projectsOf, [organizationId]),
      touchApiKey: async (id, at) => {
        await rows('rkr_touch_api_key', HOT_SQL.touchApiKey, [at, id]);
      },
    },
    ping: () => pingDatabase(kysely),
    async close() {
      // Ends the pool too.
      await kysely.destroy();
    },
  };
}
