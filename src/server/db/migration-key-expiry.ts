/**
 * Migration 0004: keys that end on time, and the organization's key policy.
 *
 * api_keys gains `expires_at` (refused from then on), a scheduled retirement — `retire_at` (the
 * instant it is revoked from), or `retire_after_first_use_of` + `retire_grace_seconds` (then
 * `retire_at` is filled when that key is first used), `retire_actor` (who scheduled it, JSON: the
 * actor of the `api_key.revoked` event) — and `first_used_at` (written once, in the authentication
 * path, by a conditional UPDATE). Existing keys that were used get `first_used_at` = `last_used_at`.
 *
 * The auth-epoch triggers of api_keys (migration-auth-state.ts) are recreated with `expires_at`,
 * `retire_at` and `retire_after_first_use_of` added: setting, moving or cancelling a bound bumps the
 * epoch in the same transaction, so every process's cached entry (and its `validUntil`) is re-read
 * on its next request. `first_used_at` does not bump it (it grants and takes nothing); filling a
 * dependent key's `retire_at` on that first use does.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { AUTH_COLUMNS } from './migration-auth-state.js';
import type { DatabaseDriver } from './database.js';

type Db = Kysely<unknown>;

/** api_keys columns whose change invalidates cached credentials, from this migration on. */
export const API_KEY_AUTH_COLUMNS = [...AUTH_COLUMNS.api_keys, 'expires_at', 'retire_at', 'retire_after_first_use_of'] as const;

async function recreateTriggers(db: Db, driver: DatabaseDriver): Promise<void> {
  const columns = API_KEY_AUTH_COLUMNS.join(', ');
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

export function keyExpiryMigration(driver: DatabaseDriver): Migration {
  return {
    async up(db: Db) {
      for (const [column, type] of [
        ['expires_at', 'text'],
        ['retire_at', 'text'],
        ['retire_after_first_use_of', 'text'],
        ['retire_grace_seconds', 'integer'],
        ['retire_actor', 'text'],
        ['first_used_at', 'text'],
      ] as const) {
        await db.schema.alterTable('api_keys').addColumn(column, type).execute();
      }
      await sql`UPDATE api_keys SET first_used_at = last_used_at WHERE last_used_at IS NOT NULL`.execute(db);
      // Due retirements of an organization (materialized on list and read) and of all (the sweep), and
      // the keys waiting on a first use.
      await db.schema.createIndex('api_keys_org_retire_at').on('api_keys').columns(['organization_id', 'retire_at']).execute();
      await db.schema.createIndex('api_keys_retire_at').on('api_keys').column('retire_at').execute();
      await db.schema.createIndex('api_keys_retire_after').on('api_keys').column('retire_after_first_use_of').execute();
      await recreateTriggers(db, driver);

      await db.schema
        .createTable('key_policies')
        .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
        .addColumn('max_lifetime_days', 'integer')
        .addColumn('require_expiry', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
