/**
 * Scheduled retirements become revocations without relying on any job running on time.
 *
 * Validity never waits for this: authentication refuses a key from its `retire_at` on by comparing
 * the stored time with the clock on every request (authenticator.ts), and the API shows such a key
 * as revoked at `retire_at` (toApiKeyDto). What is written here, lazily, is the lasting record: the
 * key's `revoked_at` = `retire_at` and its one `api_key.revoked` event (actor: whoever scheduled it,
 * `details.scheduled: true`, at `retire_at`). Each due key gets one transaction whose UPDATE is
 * conditional (`revoked_at IS NULL AND retire_at = <the time read>`) and whose event is inserted only
 * when that UPDATE changed the row: when several requests, processes or nodes materialize the same
 * key at once, the database lets exactly one UPDATE change it (PostgreSQL re-checks the WHERE after
 * waiting for the row lock; SQLite has one writer at a time), so the event is recorded exactly once.
 * Called before listing keys or audit events, before reading or changing a key, by authentication
 * when it refuses a due key, and by an optional periodic sweep.
 */
import type { Actor } from '../../../shared/http/common.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { fromJsonText } from '../../lib/json.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';

export interface Retirements {
  /** Writes every due retirement (of one organization, or of one key of it); how many this call wrote. */
  materializeDue(scope: { organizationId?: string; id?: string }): Promise<number>;
}

/** The actor recorded when a retirement's scheduler is unknown (never expected: scheduling stores it). */
const UNKNOWN_ACTOR: Actor = { type: 'system', id: 'scheduled-revocation', name: 'Scheduled revocation', viaKey: null };

export function createRetirements({ db, audit, clock }: { db: Pick<Database, 'kysely'>; audit: Pick<AuditRepository, 'append'>; clock: Clock }): Retirements {
  return {
    async materializeDue({ organizationId, id }) {
      const now = clock.now().toISOString();
      let query = db.kysely
        .selectFrom('api_keys')
        .select(['id', 'organization_id', 'name', 'retire_at', 'retire_actor'])
        .where('revoked_at', 'is', null)
        .where('retire_at', '<=', now);
      if (organizationId !== undefined) query = query.where('organization_id', '=', organizationId);
      if (id !== undefined) query = query.where('id', '=', id);
      const due = await query.execute();
      let written = 0;
      for (const key of due) {
        const at = key.retire_at as string;
        const wrote = await db.kysely.transaction().execute(async (trx) => {
          await lockAuthEpoch(trx);
          const result = await trx
            .updateTable('api_keys')
            .set({ revoked_at: at })
            .where('id', '=', key.id)
            .where('revoked_at', 'is', null)
            .where('retire_at', '=', at)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) return false;
          await audit.append(trx, {
            organizationId: key.organization_id,
            occurredAt: at,
            action: 'api_key.revoked',
            actor: fromJsonText<Actor>(key.retire_actor) ?? UNKNOWN_ACTOR,
            target: { type: 'apiKey', id: key.id, name: key.name },
            details: { scheduled: true },
            concernsApiKeyId: key.id,
          });
          return true;
        });
        if (wrote) written += 1;
      }
      return written;
    },
  };
}
