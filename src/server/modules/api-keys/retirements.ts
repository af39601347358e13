/**
 * Scheduled retirements become revocations without relying on any job running on time.
 *
 * Validity never waits for this: authentication refuses a key from its `retire_at` on by comparing
 * the stored time with the clock on every request (auth/validity.ts), and the API shows such a key
 * as revoked at `retire_at` (toApiKeyDto, api-key-dto.ts). What is written here, lazily, is the lasting record: the
 * key's `revoked_at` = `retire_at` and its one `api_key.revoked` event (actor: whoever scheduled it,
 * `details.scheduled: true`, at `retire_at`).
 *
 * Exactly once: each batch is one transaction whose UPDATE is conditional (`revoked_at IS NULL AND
 * retire_at <= now`) and RETURNs the rows it changed; events are inserted for those rows only. When
 * several requests, processes or nodes materialize the same keys at once, the database lets exactly
 * one UPDATE change each row (PostgreSQL re-checks the WHERE after waiting for the row lock; SQLite
 * has one writer at a time), so each event is recorded exactly once.
 *
 * Cost: many keys retiring at one instant (a mass rotation) are written in batches of BATCH keys —
 * one transaction, one UPDATE and one or two INSERTs each — not one transaction per key; and the
 * callers of one scope (an organization's lists, identify, audit and bulk answers arriving together)
 * share one run in flight (lib/coalesced-runs.ts) instead of each walking the same due keys.
 * Called before listing keys or audit events, before reading or changing a key, by authentication
 * when it refuses a due key, and by an optional periodic sweep.
 */
import type { Actor } from '../../../shared/http/common.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { coalescedRuns } from '../../lib/coalesced-runs.js';
import { fromJsonText } from '../../lib/json.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';

export interface Retirements {
  /** Writes every due retirement (of one organization, or of one key of it); how many the run wrote. */
  materializeDue(scope: { organizationId?: string; id?: string }): Promise<number>;
  /**
   * The same without waiting, for answers that do not depend on it: a key list or identify shows a
   * due key as revoked at its `retire_at` whether or not that is written yet (toApiKeyDto), so it
   * starts (or joins) the run and answers at once. Errors go to `onError`.
   */
  materializeDueLater(scope: { organizationId?: string; id?: string }): void;
  /** Resolves once no run started by materializeDueLater is in flight (graceful close). */
  settled(): Promise<void>;
}

/** The actor recorded when a retirement's scheduler is unknown (never expected: scheduling stores it). */
const UNKNOWN_ACTOR: Actor = { type: 'system', id: 'scheduled-revocation', name: 'Scheduled revocation', viaKey: null };

/**
 * Keys per transaction: large enough that 10,000 due keys take 20 transactions, small enough that
 * one holds the epoch lock (and SQLite's write lock) for milliseconds, and within both drivers'
 * bound-parameter limits.
 */
export const RETIREMENT_BATCH = 500;

type Deps = { db: Pick<Database, 'kysely'>; audit: Pick<AuditRepository, 'appendMany'>; clock: Clock; onError(error: unknown): void };

export function createRetirements({ db, audit, clock, onError }: Deps): Retirements {
  async function materialize(organizationId: string | undefined, id: string | undefined): Promise<number> {
    const now = new Date(clock.now()).toISOString();
    let written = 0;
    for (;;) {
      let query = db.kysely.selectFrom('api_keys').select('id').where('revoked_at', 'is', null).where('retire_at', '<=', now);
      if (organizationId !== undefined) query = query.where('organization_id', '=', organizationId);
      if (id !== undefined) query = query.where('id', '=', id);
      const due = (await query.orderBy('retire_at').orderBy('id').limit(RETIREMENT_BATCH).execute()).map((row) => row.id);
      if (due.length === 0) return written;
      written += await db.kysely.transaction().execute(async (trx) => {
        await lockAuthEpoch(trx);
        const changed = await trx
          .updateTable('api_keys')
          .set((eb) => ({ revoked_at: eb.ref('retire_at') }))
          .where('id', 'in', due)
          .where('revoked_at', 'is', null)
          .where('retire_at', '<=', now)
          .returning(['id', 'organization_id', 'name', 'retire_at', 'retire_actor'])
          .execute();
        await audit.appendMany(
          trx,
          changed.map((key) => ({
            organizationId: key.organization_id,
            occurredAt: key.retire_at as string,
            action: 'api_key.revoked' as const,
            actor: fromJsonText<Actor>(key.retire_actor) ?? UNKNOWN_ACTOR,
            target: { type: 'apiKey' as const, id: key.id, name: key.name },
            details: { scheduled: true },
            concernsApiKeyId: key.id,
          })),
        );
        return changed.length;
      });
      // Every key selected is revoked now (by this batch or a concurrent one: a due retirement can be
      // neither cancelled nor moved), so the next select moves on; a short batch was the last.
      if (due.length < RETIREMENT_BATCH) return written;
      // Let the queries waiting meanwhile go first: on SQLite they share this one connection, and
      // Kysely's lock on it is not fair, so a run could otherwise keep it from batch to batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const run = coalescedRuns((scope) => {
    const [organizationId, id] = JSON.parse(scope) as [string | null, string | null];
    return materialize(organizationId ?? undefined, id ?? undefined);
  });

  const scopeOf = ({ organizationId, id }: { organizationId?: string; id?: string }) => JSON.stringify([organizationId ?? null, id ?? null]);
  const background = new Set<Promise<unknown>>();

  return {
    materializeDue: (scope) => run(scopeOf(scope)),
    materializeDueLater(scope) {
      const running = run(scopeOf(scope))
        .catch(onError)
        .finally(() => background.delete(running));
      background.add(running);
    },
    async settled() {
      while (background.size > 0) await Promise.all(background);
    },
  };
}
