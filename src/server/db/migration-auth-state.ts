/**
 * Migration 0002: the state that lets every server process and node cache credentials safely and
 * share one failed-sign-in limit.
 *
 * `auth_epoch` is one row with a counter. Triggers bump it in the same transaction as every change
 * that can take a credential away or change what it grants: a key or admin token revoked, re-hashed,
 * renamed, re-scoped or deleted; a person's role, name, email or organization changed or the person
 * deleted; an organization renamed or deleted. Because the database itself bumps it, no code path can
 * forget to. A cached credential is used only while the epoch read by the current request equals the
 * epoch read together with the credential (see modules/auth/credential-cache.ts). Writes that grant
 * nothing (last_used_at, new keys, audit events) leave it alone, so they do not empty the caches.
 * A column added later that bounds a credential in time (an expiry) must be added to these triggers.
 *
 * `auth_failures` counts failed sign-ins per client address and fixed window, for every node at once
 * (plugins/auth-failure-limiter.ts). On PostgreSQL it is UNLOGGED: no WAL traffic for junk requests,
 * and a crash empties it, which only forgives some failures.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DatabaseDriver } from './database.js';

type Db = Kysely<unknown>;

/** Columns whose change must invalidate cached credentials, per table. Deleting a row does too. */
export const AUTH_COLUMNS = {
  api_keys: ['organization_id', 'name', 'capabilities', 'can_impersonate', 'secret_hash', 'revoked_at'],
  admin_tokens: ['person_id', 'secret_hash', 'revoked_at'],
  people: ['organization_id', 'email', 'name', 'role'],
  organizations: ['slug', 'name'],
} as const;

async function sqliteTriggers(db: Db): Promise<void> {
  for (const [table, columns] of Object.entries(AUTH_COLUMNS)) {
    await sql
      .raw(`CREATE TRIGGER ${table}_auth_epoch_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} BEGIN UPDATE auth_epoch SET epoch = epoch + 1; END`)
      .execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_auth_epoch_delete AFTER DELETE ON ${table} BEGIN UPDATE auth_epoch SET epoch = epoch + 1; END`).execute(db);
  }
}

async function postgresTriggers(db: Db): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION rakerone_bump_auth_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE auth_epoch SET epoch = epoch + 1; RETURN NULL; END $$`,
    )
    .execute(db);
  for (const [table, columns] of Object.entries(AUTH_COLUMNS)) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_auth_epoch AFTER UPDATE OF ${columns.join(', ')} OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION rakerone_bump_auth_epoch()`,
      )
      .execute(db);
  }
}

export function authStateMigration(driver: DatabaseDriver): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('auth_epoch')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('epoch', 'bigint', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO auth_epoch (id, epoch) VALUES (1, 0)`.execute(db);
      if (driver === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);

      // window_start in ms since the epoch; bigint on both (SQLite integers are 64-bit).
      const failures = db.schema
        .createTable('auth_failures')
        .addColumn('address', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull());
      await (driver === 'postgres' ? failures.modifyFront(sql`unlogged`) : failures).execute();
    },
  };
}
