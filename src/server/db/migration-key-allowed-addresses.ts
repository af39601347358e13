/**
 * Migration 0009: the addresses a key may be used from, and the policy that requires a list.
 *
 * api_keys gains `allowed_addresses`: JSON text of canonical CIDR blocks (shared/cidr.ts), 1–50, or
 * null for "from anywhere". key_policies gains `require_allowed_addresses` (0/1, default 0).
 *
 * Narrowing a list takes something away from a credential, so a change must empty every process's
 * credential cache at once: a trigger of its own bumps the auth epoch (migration-auth-state.ts) on
 * any UPDATE OF allowed_addresses, in the same transaction. A separate trigger rather than a
 * recreated `api_keys_auth_epoch…` one: other migrations recreate that one with the columns they
 * add, and two migrations each recreating it from their own column list would drop each other's.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DatabaseDriver } from './database.js';

type Db = Kysely<unknown>;

export function keyAllowedAddressesMigration(driver: DatabaseDriver): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('api_keys').addColumn('allowed_addresses', 'text').execute();
      await db.schema
        .alterTable('key_policies')
        .addColumn('require_allowed_addresses', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      if (driver === 'postgres') {
        await sql
          .raw(
            `CREATE TRIGGER api_keys_allowed_addresses_auth_epoch AFTER UPDATE OF allowed_addresses ON api_keys FOR EACH ROW EXECUTE FUNCTION rakerone_bump_auth_epoch()`,
          )
          .execute(db);
        return;
      }
      await sql
        .raw(
          `CREATE TRIGGER api_keys_allowed_addresses_auth_epoch AFTER UPDATE OF allowed_addresses ON api_keys BEGIN UPDATE auth_epoch SET epoch = epoch + 1; END`,
        )
        .execute(db);
    },
  };
}
