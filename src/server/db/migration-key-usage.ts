/**
 * Migration 0005: when each key last exercised each of its capabilities, and last acted as a person.
 *
 * One row per (key, kind): `kind` is a capability slug, or `impersonation` (no slug can be that: slugs
 * have a colon). Written by modules/usage/key-usage-tracker.ts at most once per key per interval, as
 * an upsert that only moves `last_used_at` forward, so several nodes may write in any order. Rows
 * follow their key (a revoked key keeps them; deleting a key, which the product never does, drops them).
 * Nothing here touches api_keys, so the auth-epoch triggers are not involved.
 */
import type { Kysely, Migration } from 'kysely';

export const keyUsageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_key_usage')
      .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('api_key_usage_pk', ['api_key_id', 'kind'])
      .execute();
  },
};
