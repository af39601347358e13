/**
 * Table types for Kysely. The columns are deliberately portable between SQLite and PostgreSQL so one
 * repository layer serves both: ids are text UUIDs, timestamps are ISO-8601 UTC text with
 * milliseconds (fixed width, so text order is time order), booleans are 0/1 integers and structured
 * values are JSON text. Both drivers then return identical rows.
 */
import type { Role } from '../../shared/capabilities.js';

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  organization_id: string;
  /** Lower-cased: emails are matched case-insensitively. */
  email: string;
  name: string;
  role: Role;
  created_at: string;
}

export interface AdminTokensTable {
  id: string;
  person_id: string;
  /** SHA-256 hex of the whole token; the token itself is never stored. */
  secret_hash: string;
  hint: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  name: string;
  /** JSON array of capability slugs. */
  capabilities: string;
  can_impersonate: number;
  secret_hash: string;
  hint: string;
  created_at: string;
  created_by_id: string | null;
  created_by_name: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Refused from this instant on; null: no expiry. */
  expires_at: string | null;
  /** Scheduled retirement: revoked from this instant on (filled on first use of `retire_after_first_use_of`). */
  retire_at: string | null;
  retire_after_first_use_of: string | null;
  retire_grace_seconds: number | null;
  /** JSON of the Actor who scheduled the retirement: the actor of its `api_key.revoked` event. */
  retire_actor: string | null;
  /** The first successful use, written once (conditional UPDATE) by the authentication path. */
  first_used_at: string | null;
  /** JSON array of canonical CIDR blocks (shared/cidr.ts) the key may be used from; null: anywhere. */
  allowed_addresses: string | null;
}

/**
 * When a key last exercised a capability (`kind` = its slug) or acted as a person (`kind` =
 * `impersonation`); migration-key-usage.ts. No row: never, as far as recorded.
 */
export interface ApiKeyUsageTable {
  api_key_id: string;
  kind: string;
  last_used_at: string;
}

/** Requests admitted and refused per key and UTC day (migration-key-activity.ts). */
export interface ApiKeyActivityDaysTable {
  api_key_id: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  requests: number;
  refused: number;
}

/** One (address, user agent) pair of a key's admitted requests on a UTC day; '' is no user agent. */
export interface ApiKeyActivitySourcesTable {
  api_key_id: string;
  day: string;
  address: string;
  user_agent: string;
  first_seen_at: string;
  last_seen_at: string;
  requests: number;
}

/** The organization's rules for new keys (migration-key-expiry.ts); no row: no rules. */
export interface KeyPoliciesTable {
  organization_id: string;
  max_lifetime_days: number | null;
  require_expiry: number;
  /** 0/1: every new key must carry allowed addresses (migration-key-allowed-addresses.ts). */
  require_allowed_addresses: number;
  updated_at: string;
}

/** One row per honoured `Idempotency-Key`: what was asked (fingerprint) and what it produced. */
export interface IdempotencyKeysTable {
  organization_id: string;
  scope: string;
  key: string;
  fingerprint: string;
  resource_id: string;
  created_at: string;
}

/** Who acted: shared by audit events, playbook runs and records. */
export interface ActorColumns {
  actor_type: 'person' | 'apiKey' | 'system';
  actor_id: string;
  actor_name: string;
  via_key_id: string | null;
  via_key_name: string | null;
}

export interface AuditEventsTable extends ActorColumns {
  id: string;
  organization_id: string;
  occurred_at: string;
  action: string;
  target_type: string;
  target_id: string;
  target_name: string | null;
  /** The key that did this or that it concerns, for "events of this key" (one column, one index). */
  api_key_id: string | null;
  details: string | null;
}

export interface ProjectsTable {
  id: string;
  organization_id: string;
  name: string;
  created_at: string;
}

export interface PlaybookRunsTable extends ActorColumns {
  id: string;
  organization_id: string;
  project_id: string;
  playbook_id: string;
  start_data: string | null;
  created_at: string;
}

export interface RecordsTable extends ActorColumns {
  id: string;
  organization_id: string;
  project_id: string;
  fields: string;
  created_at: string;
}

/** One row (id 1): bumped by triggers on every change that affects a credential (migration-auth-state.ts). */
export interface AuthEpochTable {
  id: number;
  epoch: number;
}

/** Failed sign-ins per client address in its current fixed window (plugins/auth-failure-limiter.ts). */
export interface AuthFailuresTable {
  address: string;
  /** Milliseconds since 1970. */
  window_start: number;
  failures: number;
}

export interface DatabaseSchema {
  auth_epoch: AuthEpochTable;
  auth_failures: AuthFailuresTable;
  organizations: OrganizationsTable;
  people: PeopleTable;
  admin_tokens: AdminTokensTable;
  api_keys: ApiKeysTable;
  api_key_usage: ApiKeyUsageTable;
  api_key_activity_days: ApiKeyActivityDaysTable;
  api_key_activity_sources: ApiKeyActivitySourcesTable;
  key_policies: KeyPoliciesTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  projects: ProjectsTable;
  playbook_runs: PlaybookRunsTable;
  records: RecordsTable;
}
