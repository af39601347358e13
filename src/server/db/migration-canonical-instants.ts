/**
 * Migration 0007: every stored instant in the stored form, UTC `YYYY-MM-DDTHH:mm:ss.sssZ` within the
 * years 0000–9999 (src/shared/instant.ts).
 *
 * Before it, an expiry was stored as `new Date(input).toISOString()`, so an offset could push it out of
 * range: `9999-12-31T23:59:59-23:59` became `+010000-01-01T23:58:59.000Z`, which compares as text
 * before every real instant and which no response schema accepts (the organization's key list then
 * failed as a whole). This rewrites such values:
 * - a value in range but in another form is rewritten in the stored form (the same instant);
 * - an expiry or scheduled retirement after 9999 becomes its key's creation + 3,650 days, the latest
 *   end the API grants a key now (keeping 9999 would keep a key that in practice never expires, the
 *   very thing the key policy refused);
 * - any other instant beyond the range is clamped to its edge (0000-01-01 / 9999-12-31): an expiry in
 *   year -1 stays in the past, so the key stays expired.
 * A value no reader understands is left as it is (none of ours ever wrote one). Only rows not already in
 * the stored form are read, so the migration costs one indexed-free scan per column and few writes.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { INSTANT_MAX, INSTANT_MIN, instantMs } from '../../shared/instant.js';
import { KEY_END_MAX_DAYS } from '../../shared/key-expiry.js';
import type { DatabaseDriver } from './database.js';

type Db = Kysely<unknown>;

/** Each table's instant columns and the columns that identify one of its rows. */
export const INSTANT_COLUMNS: readonly { table: string; keys: readonly string[]; columns: readonly string[] }[] = [
  { table: 'organizations', keys: ['id'], columns: ['created_at'] },
  { table: 'people', keys: ['id'], columns: ['created_at'] },
  { table: 'admin_tokens', keys: ['id'], columns: ['created_at', 'revoked_at'] },
  { table: 'api_keys', keys: ['id'], columns: ['created_at', 'last_used_at', 'revoked_at', 'first_used_at', 'expires_at', 'retire_at'] },
  { table: 'api_key_usage', keys: ['api_key_id', 'kind'], columns: ['last_used_at'] },
  { table: 'key_policies', keys: ['organization_id'], columns: ['updated_at'] },
  { table: 'idempotency_keys', keys: ['organization_id', 'scope', 'key'], columns: ['created_at'] },
  { table: 'audit_events', keys: ['id'], columns: ['occurred_at'] },
  { table: 'projects', keys: ['id'], columns: ['created_at'] },
  { table: 'playbook_runs', keys: ['id'], columns: ['created_at'] },
  { table: 'records', keys: ['id'], columns: ['created_at'] },
];

/** Columns that say when a key ends: beyond the range they become creation + the longest lifetime. */
const KEY_ENDS = new Set(['api_keys.expires_at', 'api_keys.retire_at']);

const DAY_MS = 86_400_000;
const MIN_MS = Date.parse(INSTANT_MIN);
const MAX_MS = Date.parse(INSTANT_MAX);

/** Milliseconds of a stored value in any form a previous version may have written (extended years too). */
function storedMs(value: string): number {
  const ms = instantMs(value);
  return Number.isNaN(ms) ? Date.parse(value) : ms;
}

/** The stored form of `value`, or null when it cannot be read at all. `createdAt` serves key ends. */
export function repairedInstant(column: string, value: string, createdAt: string | null): string | null {
  const ms = storedMs(value);
  if (Number.isNaN(ms)) return null;
  if (ms > MAX_MS && KEY_ENDS.has(column) && createdAt !== null && !Number.isNaN(storedMs(createdAt))) {
    return new Date(Math.min(storedMs(createdAt) + KEY_END_MAX_DAYS * DAY_MS, MAX_MS)).toISOString();
  }
  return new Date(Math.min(Math.max(ms, MIN_MS), MAX_MS)).toISOString();
}

/** SQL that is true when `column` holds a value not in the stored form (PostgreSQL regex, SQLite GLOB: both case-sensitive). */
function notStored(driver: DatabaseDriver, column: string) {
  const ref = sql.ref(column);
  return driver === 'postgres'
    ? sql`${ref} !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$'`
    : sql`NOT (${ref} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')`;
}

export function canonicalInstantsMigration(driver: DatabaseDriver): Migration {
  return {
    async up(db: Db) {
      for (const { table, keys, columns } of INSTANT_COLUMNS) {
        for (const column of columns) {
          const extra = table === 'api_keys' ? [sql.ref('created_at')] : [];
          const selected = sql.join([...keys.map((k) => sql.ref(k)), sql.ref(column), ...extra]);
          const rows = await sql<
            Record<string, string | null>
          >`SELECT ${selected} FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL AND ${notStored(driver, column)}`.execute(db);
          for (const row of rows.rows) {
            const repaired = repairedInstant(`${table}.${column}`, row[column] as string, row.created_at ?? null);
            if (repaired === null || repaired === row[column]) continue;
            const where = sql.join(
              keys.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
              sql` AND `,
            );
            await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${repaired} WHERE ${where}`.execute(db);
          }
        }
      }
    },
  };
}
