/**
 * Migration 0008: suspending keys (switched off until resumed), and an auth epoch that a bulk change
 * bumps once, not once per row.
 *
 * api_keys gains `suspended_at` (refused from then on while it is set), `suspended_by_id`,
 * `suspended_by_name` (the admin, as named at the time) and `suspension_reason`. A resume clears all
 * four. The api_keys epoch trigger is recreated with `suspended_at` among its columns: a suspend or a
 * resume bumps the epoch in its own transaction, so every process and node re-reads the key on its
 * very next request. (The other three columns grant and take nothing: they do not bump it.)
 *
 * On PostgreSQL the epoch function now bumps at most once per transaction. It ran for each changed
 * row (a row trigger: a statement trigger cannot be limited to rows that changed without transition
 * tables, which PostgreSQL refuses together with a column list), so a bulk revoke of 1,000 keys
 * updated the one epoch row 1,000 times — 1,000 row versions of one row, each bump waiting on the
 * previous one's page. One bump per transaction proves as much: the cache compares epochs for
 * equality, and every change of the transaction commits together with that one bump (see
 * modules/auth/credential-cache.ts). The mark is a transaction-local setting (`set_config(…, true)`),
 * undone at commit, rollback, or the rollback of a savepoint together with the bump it marked.
 * SQLite keeps its row trigger: there one write transaction holds the whole database, and a bump is
 * an in-page update of a row already in memory.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DatabaseDriver } from './database.js';
import { API_KEY_AUTH_COLUMNS } from './migration-key-expiry.js';

type Db = Kysely<unknown>;

/**
 * api_keys columns whose change invalidates cached credentials, from this migration on. A later
 * migration that adds one recreates the trigger with this list plus its own.
 */
export const API_KEY_AUTH_COLUMNS_WITH_SUSPENSION = [...API_KEY_AUTH_COLUMNS, 'suspended_at'] as const;

export async function recreateApiKeyEpochTrigger(db: Db, driver: DatabaseDriver, columnList: readonly string[]): Promise<void> {
  const columns = columnList.join(', ');
  if (driver === 'postgres') {
    await sql.raw(`DROP TRIGGER api_keys_auth_epoch ON api_keys`).execute(db);
    await sql
      .raw(`CREATE TRIGGER api_keys_auth_epoch AFTER UPDATE OF ${columns} OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION rakerone_bump_auth_epoch()`)
      .execute(db);
    return;
  }
  await sql.raw(`DROP TRIGGER api_keys_auth_epoch_update`).execute(db);
  await sql
    .raw(`CREATE TRIGGER api_keys_auth_epoch_update AFTER UPDATE OF ${columns} ON api_keys BEGIN UPDATE auth_epoch SET epoch = epoch + 1; END`)
    .execute(db);
}

/** The PostgreSQL epoch function of every table's trigger: one bump per transaction. */
const BUMP_ONCE_PER_TRANSACTION = `CREATE OR REPLACE FUNCTION rakerone_bump_auth_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_setting('rakerone.auth_epoch_bumped', true) IS DISTINCT FROM 'on' THEN
      UPDATE auth_epoch SET epoch = epoch + 1;
      PERFORM set_config('rakerone.auth_epoch_bumped', 'on', true);
    END IF;
    RETURN NULL;
  END $$`;

export function keySuspensionMigration(driver: DatabaseDriver): Migration {
  return {
    async up(db: Db) {
      for (const column of ['suspended_at', 'suspended_by_id', 'suspended_by_name', 'suspension_reason']) {
        await db.schema.alterTable('api_keys').addColumn(column, 'text').execute();
      }
      if (driver === 'postgres') await sql.raw(BUMP_ONCE_PER_TRANSACTION).execute(db);
      await recreateApiKeyEpochTrigger(db, driver, API_KEY_AUTH_COLUMNS_WITH_SUSPENSION);
    },
  };
}
