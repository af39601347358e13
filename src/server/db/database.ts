/**
 * The storage port: Kysely for ordinary queries, plus a handful of hot-path statements that each
 * driver prepares once in raw SQL. Authentication runs on every request and the query builder costs
 * 30–40% there, so the lookups by hash and the revocation epoch bypass it.
 */
import { type Kysely, sql } from 'kysely';
import type { Role } from '../../shared/capabilities.js';
import type { DatabaseSchema } from './schema.js';

export type DatabaseDriver = 'sqlite' | 'postgres';

export type DatabaseConfig = { driver: 'sqlite'; filename: string } | { driver: 'postgres'; url: string; poolSize?: number };

/** An active API key with its organization, found by the SHA-256 of its secret. */
export interface ApiKeyAuthRow {
  id: string;
  organization_id: string;
  name: string;
  capabilities: string;
  can_impersonate: number;
  last_used_at: string | null;
  /** Refused from this instant on (null: never). */
  expires_at: string | null;
  /** Scheduled retirement: refused from this instant on (null: none, or waiting for another key's first use). */
  retire_at: string | null;
  /** Null until the key's first successful use is recorded (once, by the authentication path). */
  first_used_at: string | null;
  org_slug: string;
  org_name: string;
  /** auth_epoch as read by the same statement: the row is current for exactly this epoch. */
  auth_epoch: number;
  /** JSON of the canonical blocks the key may be used from; null: anywhere (modules/auth/address-check.ts). */
  allowed_addresses: string | null;
}

/** The person behind an active admin access token, with their organization. */
export interface PersonAuthRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string;
  org_slug: string;
  org_name: string;
  /** auth_epoch as read by the same statement. */
  auth_epoch: number;
}

/** A client address's failed sign-ins in its current window, after counting one more. */
export interface AuthFailureCount {
  windowStart: number;
  failures: number;
}

export interface ProjectRow {
  id: string;
  name: string;
}

/**
 * A value now or later: better-sqlite3 answers synchronously, and a lookup then costs no promise
 * (each one costs allocations and a trip through the microtask queue); PostgreSQL answers with a
 * promise. Callers handle both (see `isPromise`).
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

export interface HotQueries {
  /**
   * The revocation epoch (migration-auth-state.ts), from a read of committed state made after this
   * call (fresh-read.ts: concurrent callers share one such read). One row of a one-row table, where
   * a full lookup is four B-tree descents.
   */
  authEpoch(): MaybePromise<number>;
  /**
   * False when the hot reads share the writing connection (an in-memory SQLite database exists only
   * in its one connection), so they can see a transaction's uncommitted epoch bump that then rolls
   * back: an epoch seen there proves nothing, and the authenticator keeps no cache.
   */
  readonly readsCommittedOnly: boolean;
  /** One indexed lookup; revoked keys are filtered in SQL, so nothing upstream can forget to. */
  apiKeyByHash(secretHash: string): MaybePromise<ApiKeyAuthRow | undefined>;
  personByTokenHash(secretHash: string): MaybePromise<PersonAuthRow | undefined>;
  /**
   * Counts `failures` failed sign-ins from `address` in one atomic statement shared by every node: a
   * new window when the last one is over, else that many more, none once over `max`.
   */
  countAuthFailure(address: string, nowMs: number, windowMs: number, max: number, failures: number): Promise<AuthFailureCount>;
  /** Deletes windows that ended before `beforeMs`. */
  pruneAuthFailures(beforeMs: number): Promise<void>;
  projectsOf(organizationId: string): MaybePromise<ProjectRow[]>;
  /** Moves last_used_at forward only (several nodes may write it out of order). */
  touchApiKey(id: string, at: string): Promise<void>;
}

export interface Database {
  driver: DatabaseDriver;
  kysely: Kysely<DatabaseSchema>;
  hot: HotQueries;
  /** True when a trivial query succeeds: the health endpoint's database check. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The hot statements, written once; `$n` placeholders are rewritten to `?` for SQLite. The lookups
 * read the epoch in the same statement, so row and epoch come from one snapshot.
 */
export const HOT_SQL = {
  authEpoch: `SELECT epoch FROM auth_epoch WHERE id = 1`,
  apiKeyByHash: `SELECT k.id, k.organization_id, k.name, k.capabilities, k.can_impersonate, k.last_used_at,
      k.expires_at, k.retire_at, k.first_used_at, o.slug AS org_slug, o.name AS org_name, (SELECT epoch FROM auth_epoch WHERE id = 1) AS auth_epoch,
      k.allowed_addresses
    FROM api_keys k JOIN organizations o ON o.id = k.organization_id
    WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`,
  personByTokenHash: `SELECT p.id, p.email, p.name, p.role, p.organization_id, o.slug AS org_slug, o.name AS org_name,
      (SELECT epoch FROM auth_epoch WHERE id = 1) AS auth_epoch
    FROM admin_tokens t JOIN people p ON p.id = t.person_id JOIN organizations o ON o.id = p.organization_id
    WHERE t.secret_hash = $1 AND t.revoked_at IS NULL`,
  // $1 address, $2 now, $3 window length, $4 max, $5 failures to add (more than one when a process
  // held some back: plugins/auth-failure-limiter.ts). A window that started at or before now − window
  // is over: start a new one. A blocked address stays where it is (failures while blocked are not counted).
  countAuthFailure: `INSERT INTO auth_failures (address, window_start, failures) VALUES ($1, $2, $5)
    ON CONFLICT (address) DO UPDATE SET
      failures = CASE WHEN auth_failures.window_start <= $2 - $3 THEN $5
                      WHEN auth_failures.failures > $4 THEN auth_failures.failures
                      ELSE auth_failures.failures + $5 END,
      window_start = CASE WHEN auth_failures.window_start <= $2 - $3 THEN $2 ELSE auth_failures.window_start END
    RETURNING window_start, failures`,
  pruneAuthFailures: `DELETE FROM auth_failures WHERE window_start < $1`,
  projectsOf: `SELECT id, name FROM projects WHERE organization_id = $1 ORDER BY name, id`,
  touchApiKey: `UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)`,
} as const;

/** True for a unique or primary-key violation on either driver (used for idempotency races). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when the database answers a trivial query: what /api/health reports. */
export async function pingDatabase(kysely: Kysely<DatabaseSchema>): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(kysely);
    return true;
  } catch {
    return false;
  }
}
