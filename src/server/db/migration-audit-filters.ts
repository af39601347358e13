/**
 * Indexes for the audit log's filters (by action, by actor), each ending in the listing's order
 * (occurred_at, id) so a filtered keyset page is one index range, like the unfiltered one
 * (audit_events_org_time) and the per-key one (audit_events_key_time).
 */
import type { Kysely, Migration } from 'kysely';

export const auditFilterIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_events_action_time').on('audit_events').columns(['organization_id', 'action', 'occurred_at', 'id']).execute();
    await db.schema.createIndex('audit_events_actor_time').on('audit_events').columns(['organization_id', 'actor_id', 'occurred_at', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_events_actor_time').execute();
    await db.schema.dropIndex('audit_events_action_time').execute();
  },
};
