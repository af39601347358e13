/**
 * Migration 0006: key activity (modules/activity/).
 *
 * `api_key_activity_days`: per key and UTC day (`YYYY-MM-DD`), requests admitted and requests
 * refused. `api_key_activity_sources`: per key and UTC day, each distinct (address, user agent) pair
 * of admitted requests, with its first and last time that day and its request count; at most 100 per
 * key and day (enforced by the writer, which holds the day row's lock). A missing user agent is
 * stored as '' (primary-key columns cannot be null on PostgreSQL). Both are written only with
 * additive upserts, so any number of nodes may write one key in any order and no count is lost.
 * Rows older than 90 days are deleted by the sweeper (the `day` indexes), and rows follow their key.
 * Nothing here touches api_keys, so the auth-epoch triggers are not involved.
 */
import type { Kysely, Migration } from 'kysely';

export const keyActivityMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_key_activity_days')
      .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('requests', 'integer', (c) => c.notNull())
      .addColumn('refused', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('api_key_activity_days_pk', ['api_key_id', 'day'])
      .execute();
    await db.schema.createIndex('api_key_activity_days_day').on('api_key_activity_days').column('day').execute();

    await db.schema
      .createTable('api_key_activity_sources')
      .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('requests', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('api_key_activity_sources_pk', ['api_key_id', 'day', 'address', 'user_agent'])
      .execute();
    // "Which keys did this address use?" (the list's usedFrom filter), and the retention sweep.
    await db.schema.createIndex('api_key_activity_sources_address').on('api_key_activity_sources').columns(['address', 'day', 'api_key_id']).execute();
    await db.schema.createIndex('api_key_activity_sources_day').on('api_key_activity_sources').column('day').execute();
  },
};
