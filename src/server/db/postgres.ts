import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type ApiKeyAuthRow, type Database, HOT_SQL, type PersonAuthRow, type ProjectRow, pingDatabase } from './database.js';
import { migrateToLatest } from './migrations.js';
import type { DatabaseSchema } from './schema.js';

/**
 * PostgreSQL for organizations that run several stateless server nodes on one database. The hot
 * statements are named, so each pooled connection parses and plans them once and then only binds.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const kysely = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(kysely as Kysely<unknown>);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }

  async function rows<Row extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const result = await pool.query<Row>({ name, text, values });
    return result.rows;
  }

  return {
    driver: 'postgres',
    kysely,
    hot: {
      apiKeyByHash: async (hash) => (await rows<ApiKeyAuthRow>('rkr_api_key_by_hash', HOT_SQL.apiKeyByHash, [hash]))[0],
      personByTokenHash: async (hash) => (await rows<PersonAuthRow>('rkr_person_by_token', HOT_SQL.personByTokenHash, [hash]))[0],
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
