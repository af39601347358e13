/**
 * Suspending and resuming keys in the table: set-based, one statement for up to 1,000 keys. Both
 * change `suspended_at`, which the auth epoch trigger watches (migration-key-suspension.ts), so both
 * take the epoch lock first (db/auth-epoch-lock.ts), like every write that moves the epoch.
 */
import type { Transaction } from 'kysely';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { API_KEY_COLUMNS, type ApiKeyRow, WRITE_CHUNK, chunksOf } from './api-keys-repository.js';

/** A key's suspension columns while it is not suspended (a new key; a resumed one). */
export const NOT_SUSPENDED = { suspended_at: null, suspended_by_id: null, suspended_by_name: null, suspension_reason: null } as const;

export interface NewSuspension {
  /** Stored ISO form; also the instant that decides which keys are still active. */
  at: string;
  by: { id: string; name: string };
  reason: string;
}

export interface SuspensionRepository {
  /**
   * Suspends those of `ids` (keys of the organization) that are active at `suspension.at` — not
   * revoked, not past a due retirement or expiry, not suspended already — and returns them as they
   * are now. A key suspended before keeps its first suspension (who, when, why).
   */
  suspendMany(trx: Transaction<DatabaseSchema>, organizationId: string, ids: readonly string[], suspension: NewSuspension): Promise<ApiKeyRow[]>;
  /** Clears the key's suspension if it is suspended and still neither revoked nor expired at `now`; true when it did. */
  resume(trx: Transaction<DatabaseSchema>, organizationId: string, id: string, now: string): Promise<boolean>;
}

export function createSuspensionRepository(): SuspensionRepository {
  return {
    async suspendMany(trx, organizationId, ids, suspension) {
      await lockAuthEpoch(trx);
      const { at } = suspension;
      const suspended: ApiKeyRow[] = [];
      for (const chunk of chunksOf(ids, WRITE_CHUNK)) {
        suspended.push(
          ...(await trx
            .updateTable('api_keys')
            .set({ suspended_at: at, suspended_by_id: suspension.by.id, suspended_by_name: suspension.by.name, suspension_reason: suspension.reason })
            .where('organization_id', '=', organizationId)
            .where('id', 'in', chunk)
            .where('suspended_at', 'is', null)
            .where('revoked_at', 'is', null)
            .where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', at)]))
            .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
            .returning(API_KEY_COLUMNS)
            .execute()),
        );
      }
      return suspended;
    },
    async resume(trx, organizationId, id, now) {
      await lockAuthEpoch(trx);
      const result = await trx
        .updateTable('api_keys')
        .set(NOT_SUSPENDED)
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .where('suspended_at', 'is not', null)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', now)]))
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
