import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Clock } from '../lib/clock.js';
import { type ApiKeyAuthRow, type Database, HOT_SQL, type PersonAuthRow, type ProjectRow } from './database.js';
import { freshReads } from './fresh-read.js';
import { migrateToLatest } from './migrations.js';
import { type OutageLog, createPgGuard } from './pg-guard.js';
import { PG_DEFAULTS, type PgSettings, migrationPoolConfig } from './pg-settings.js';
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

export interface PostgresOptions {
  poolSize?: number;
  /** Timeouts, keepalive and the outage guard's timings (pg-settings.ts); defaults for the rest. */
  settings?: Partial<PgSettings>;
  /** Where an outage's start and end are logged (one line each). */
  log?: OutageLog;
  clock?: Clock;
}

const SILENT: OutageLog = { warn: () => undefined, info: () => undefined };

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const settings = { ...PG_DEFAULTS, ...options.settings };
  // Migrations first, on connections of their own: a backfill may run longer than a request's
  // statement_timeout allows, and nobody is waiting on it but the start-up.
  const migrationPool = new pg.Pool(migrationPoolConfig(url, settings));
  // A connection dying while idle must not crash the start-up: the migration's own query fails instead.
  migrationPool.on('error', () => undefined);
  const migrator = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: migrationPool }) });
  try {
    await migrateToLatest(migrator, DRIVER);
  } finally {
    await migrator.destroy();
  }
  // Every query goes through the guard: bounded waits, 503 instead of hangs, reconnects with backoff.
  const guard = createPgGuard({
    url,
    poolSize: options.poolSize ?? 10,
    settings,
    log: options.log ?? SILENT,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const kysely = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: guard.pool }) });

  async function rows<Row extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const result = await guard.query<Row>({ name, text, values });
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
        const [row] = await rows<{ window_start: string; failures: number }>('rkr_count_auth_failure', HOT_SQL.countAuthFailure, [
          address,
          nowMs,
          windowMs,
          max,
          failures,
        ]);
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
    // Bounded (at most the guard's probeMs), and false at once while the database is known to be away.
    ping: () => guard.ping(),
    async close() {
      // Ends the pool too.
      await kysely.destroy();
    },
  };
}
