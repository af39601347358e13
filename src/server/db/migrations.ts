/**
 * Migrations, in code so they ship inside the server and run the same on SQLite and PostgreSQL
 * (only portable column types: text and integer). Kysely's Migrator takes a lock, so several server
 * nodes starting at once against one PostgreSQL database migrate it exactly once.
 */
import { type Kysely, type Migration, Migrator } from 'kysely';
import type { DatabaseDriver } from './database.js';
import { auditFilterIndexes } from './migration-audit-filters.js';
import { canonicalInstantsMigration } from './migration-canonical-instants.js';
import { authStateMigration } from './migration-auth-state.js';
import { keyActivityMigration } from './migration-key-activity.js';
import { keyAllowedAddressesMigration } from './migration-key-allowed-addresses.js';
import { keyExpiryMigration } from './migration-key-expiry.js';
import { keyUsageMigration } from './migration-key-usage.js';

type Db = Kysely<unknown>;

const initial: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('people_org_email_unique', ['organization_id', 'email'])
      .execute();

    await db.schema
      .createTable('admin_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('hint', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('capabilities', 'text', (c) => c.notNull())
      .addColumn('can_impersonate', 'integer', (c) => c.notNull())
      // The unique constraint is the index the authentication lookup uses.
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('hint', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by_id', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('api_keys_org_created').on('api_keys').columns(['organization_id', 'created_at', 'id']).execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('resource_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['organization_id', 'scope', 'key'])
      .execute();

    await withActor(
      db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull()),
    )
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('target_name', 'text')
      .addColumn('api_key_id', 'text')
      .addColumn('details', 'text')
      .execute();
    await db.schema.createIndex('audit_events_org_time').on('audit_events').columns(['organization_id', 'occurred_at', 'id']).execute();
    await db.schema.createIndex('audit_events_key_time').on('audit_events').columns(['organization_id', 'api_key_id', 'occurred_at', 'id']).execute();

    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('projects_org').on('projects').columns(['organization_id', 'name']).execute();

    await withActor(
      db.schema
        .createTable('playbook_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('playbook_id', 'text', (c) => c.notNull())
        .addColumn('start_data', 'text'),
    )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withActor(
      db.schema
        .createTable('records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('fields', 'text', (c) => c.notNull()),
    )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('records_project_time').on('records').columns(['project_id', 'created_at', 'id']).execute();
  },
};

type TableBuilder = ReturnType<Db['schema']['createTable']>;

function withActor<T extends TableBuilder>(table: T): TableBuilder {
  return table
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('via_key_id', 'text')
    .addColumn('via_key_name', 'text');
}

/** Every migration, in order; the later ones may differ per driver (triggers, UNLOGGED tables). */
export function migrationsFor(driver: DatabaseDriver): Record<string, Migration> {
  return {
    '0001_initial': initial,
    '0002_auth_state': authStateMigration(driver),
    '0003_audit_filter_indexes': auditFilterIndexes,
    '0004_key_expiry': keyExpiryMigration(driver),
    '0005_key_usage': keyUsageMigration,
    '0006_key_activity': keyActivityMigration,
    // Named after key activity's, which landed first: migrations run in name order.
    '0007_canonical_instants': canonicalInstantsMigration(driver),
    '0009_key_allowed_addresses': keyAllowedAddressesMigration(driver),
  };
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>, driver: DatabaseDriver): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(driver) },
    migrationTableName: 'rakerone_migrations',
    migrationLockTableName: 'rakerone_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
