/** Stored usage of API keys (table api_key_usage, migration-key-usage.ts). */
import type { Kysely } from 'kysely';
import type { CapabilitySlug } from '../../../shared/capabilities.js';
import type { DatabaseSchema } from '../../db/schema.js';

/** What a request can exercise: the capability its route requires, or acting as a person. */
export type UsageKind = CapabilitySlug | typeof IMPERSONATION;
export const IMPERSONATION = 'impersonation';

export interface UsageEntry {
  kind: UsageKind;
  /** ISO-8601 UTC with milliseconds (the stored form). */
  at: string;
}

export interface KeyUsageRepository {
  /**
   * Stores the key's uses in one statement: a new row per kind, or a later `at` on an existing
   * one — never an earlier one, so nodes writing the same key in any order end at the latest use.
   */
  record(apiKeyId: string, entries: readonly UsageEntry[]): Promise<void>;
  /** When the key last used each kind that it ever used, by kind. */
  ofKey(apiKeyId: string): Promise<Map<string, string>>;
}

export function createKeyUsageRepository(db: Kysely<DatabaseSchema>): KeyUsageRepository {
  return {
    async record(apiKeyId, entries) {
      if (entries.length === 0) return;
      await db
        .insertInto('api_key_usage')
        .values(entries.map(({ kind, at }) => ({ api_key_id: apiKeyId, kind, last_used_at: at })))
        .onConflict((oc) =>
          oc
            .columns(['api_key_id', 'kind'])
            .doUpdateSet({ last_used_at: (eb) => eb.ref('excluded.last_used_at') })
            .whereRef('api_key_usage.last_used_at', '<', 'excluded.last_used_at'),
        )
        .execute();
    },
    async ofKey(apiKeyId) {
      const rows = await db.selectFrom('api_key_usage').select(['kind', 'last_used_at']).where('api_key_id', '=', apiKeyId).execute();
      return new Map(rows.map((row) => [row.kind, row.last_used_at]));
    },
  };
}
