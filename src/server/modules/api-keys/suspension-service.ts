/**
 * Suspending keys (switched off, refused until resumed), one or up to 1,000 at once, and resuming
 * them. Unlike a revocation a suspension can be undone: for a key that may have leaked while the
 * team finds out.
 *
 * - Suspend: an active key → suspended (`api_key.suspended`, details `{reason}`). A suspended key →
 *   unchanged, no event (its first suspension stands). A revoked or expired key → 409.
 * - Resume: a suspended key → active (`api_key.resumed`, details `{suspension}`: the one it ended).
 *   A key that is not suspended → unchanged, no event. A revoked or expired key → 409.
 * - Bulk suspend: one transaction of a handful of statements — the epoch lock, one
 *   `UPDATE … WHERE id IN (…) RETURNING`, one read of the listed keys it did not suspend, the
 *   `api_key.bulk_suspended` event (counts and reason) and one multi-row insert of an
 *   `api_key.suspended` event per key it suspended (`details.bulk` names the bulk event).
 *
 * Every change commits together with an auth epoch bump (trigger on `suspended_at`), so when the
 * response leaves every node refuses (or, after a resume, accepts) the key on its next request.
 * Idempotency-Key on all three, the rules of creates: the same key and request again → 200 with the
 * key(s) as they are now and `Idempotent-Replayed: true`, nothing changed or recorded twice — so a
 * suspend retried after someone else resumed the key does not switch it off again; another request
 * with the same key → 409.
 */
import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors.js';
import type { BulkSuspendApiKeysResponse } from '../../../shared/http/incident.js';
import type { ApiKeyDto } from '../../../shared/http/keys.js';
import { isAtOrBefore } from '../../../shared/instant.js';
import type { Database } from '../../db/database.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import { fromJsonText } from '../../lib/json.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import { currentKey, lockedKey } from './key-lookup.js';
import { toApiKeyDto } from './api-key-dto.js';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys-repository.js';
import type { Retirements } from './retirements.js';
import type { SuspensionRepository } from './suspension-repository.js';

export interface SuspensionService {
  suspend(caller: PersonPrincipal, id: string, reason: string, idempotencyKey: string | undefined): Promise<{ replayed: boolean; apiKey: ApiKeyDto }>;
  resume(caller: PersonPrincipal, id: string, idempotencyKey: string | undefined): Promise<{ replayed: boolean; apiKey: ApiKeyDto }>;
  /** `ids` already validated: 1–1,000 distinct lowercase UUIDs. */
  bulkSuspend(
    caller: PersonPrincipal,
    ids: readonly string[],
    reason: string,
    idempotencyKey: string | undefined,
  ): Promise<{ replayed: boolean; body: BulkSuspendApiKeysResponse }>;
}

export interface SuspensionServiceDeps {
  db: Pick<Database, 'kysely'>;
  keys: ApiKeysRepository;
  suspensions: SuspensionRepository;
  audit: Pick<AuditRepository, 'append' | 'appendMany' | 'findById' | 'listAt'>;
  retirements: Retirements;
  clock: Clock;
}

/** A revoked or expired key cannot be switched off or on: 409 naming its status. */
function notActive(status: 'revoked' | 'expired', doing: 'suspended' | 'resumed'): AppError {
  return new AppError('CONFLICT', status === 'revoked' ? `This key is revoked: it cannot be ${doing}` : `This key has expired: it cannot be ${doing}`);
}

/**
 * Revoked (also by a due retirement) or expired at `at`: what `notActive` meant when a bulk suspend ran
 * then. A replay sorts by these times, so a key revoked later (even while suspended) is still sorted as
 * it was; one revoked within the bulk's very millisecond reads as revoked before it.
 */
function endedAt(row: ApiKeyRow, at: string): boolean {
  return [row.revoked_at, row.retire_at, row.expires_at].some((end) => end !== null && isAtOrBefore(end, at));
}

export function createSuspensionService({ db, keys, suspensions, audit, retirements, clock }: SuspensionServiceDeps): SuspensionService {
  const nowIso = () => new Date(clock.now()).toISOString();

  const mustFind = (organizationId: string, id: string) => currentKey({ keys, retirements }, organizationId, id);
  const lockedRow = (trx: Transaction<DatabaseSchema>, organizationId: string, id: string) => lockedKey(keys, trx, organizationId, id);

  /** Sorts the listed ids into the four answers, in the order listed. */
  function sortOut(
    ids: readonly string[],
    rows: readonly ApiKeyRow[],
    suspendedHere: ReadonlySet<string>,
    endedBefore: (row: ApiKeyRow) => boolean,
    now: string,
  ) {
    const byId = new Map(rows.map((row) => [row.id, row]));
    const body: BulkSuspendApiKeysResponse = { suspended: [], alreadySuspended: [], notActive: [], notFound: [] };
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) body.notFound.push(id);
      else if (suspendedHere.has(id)) body.suspended.push(toApiKeyDto(row, now));
      else if (endedBefore(row)) body.notActive.push(id);
      else body.alreadySuspended.push(id);
    }
    return body;
  }

  /** The answer of an earlier bulk suspend, rebuilt from its events, as it was sorted then; the keys as they are now. */
  async function replayOf(organizationId: string, bulkEventId: string, ids: readonly string[]): Promise<BulkSuspendApiKeysResponse> {
    const bulkEvent = await audit.findById(organizationId, bulkEventId);
    if (!bulkEvent) throw new Error(`Bulk suspend event ${bulkEventId} is missing`);
    // Its per-key events were written in the same transaction, so they carry the same instant.
    const perKey = await audit.listAt(organizationId, 'api_key.suspended', bulkEvent.occurred_at);
    const suspendedIds = new Set(
      perKey.filter((event) => fromJsonText<{ bulk?: unknown }>(event.details)?.bulk === bulkEventId).map((event) => event.target_id),
    );
    const rows = await keys.findManyInOrganization(db.kysely, organizationId, ids);
    return sortOut(ids, rows, suspendedIds, (row) => endedAt(row, bulkEvent.occurred_at), nowIso());
  }

  return {
    async suspend(caller, id, reason, idempotencyKey) {
      const organizationId = caller.organization.id;
      await mustFind(organizationId, id);
      const now = nowIso();
      const scope = idempotencyScope('api_key.suspend', caller);
      const outcome = await runIdempotent(db.kysely, { organizationId, scope, key: idempotencyKey, request: { id, reason } }, now, async (trx, eventId) => {
        const row = await lockedRow(trx, organizationId, id);
        const { status } = toApiKeyDto(row, now);
        if (status === 'revoked' || status === 'expired') throw notActive(status, 'suspended');
        // Suspended already: the first suspension stands, nothing recorded.
        if (status === 'suspended') return toApiKeyDto(row, now);
        const [suspended] = await suspensions.suspendMany(trx, organizationId, [id], { at: now, by: caller.person, reason });
        await audit.append(trx, {
          id: eventId,
          organizationId,
          occurredAt: now,
          action: 'api_key.suspended',
          actor: caller.actor,
          target: { type: 'apiKey', id, name: row.name },
          details: { reason },
          concernsApiKeyId: id,
        });
        return toApiKeyDto(suspended!, now);
      });
      if (outcome.replayed) return { replayed: true, apiKey: toApiKeyDto(await mustFind(organizationId, id), nowIso()) };
      return { replayed: false, apiKey: outcome.value };
    },

    async resume(caller, id, idempotencyKey) {
      const organizationId = caller.organization.id;
      await mustFind(organizationId, id);
      const now = nowIso();
      const scope = idempotencyScope('api_key.resume', caller);
      const outcome = await runIdempotent(db.kysely, { organizationId, scope, key: idempotencyKey, request: { id } }, now, async (trx, eventId) => {
        const row = await lockedRow(trx, organizationId, id);
        const before = toApiKeyDto(row, now);
        if (before.status === 'revoked' || before.status === 'expired') throw notActive(before.status, 'resumed');
        // Not suspended: nothing to resume, nothing recorded.
        if (before.status !== 'suspended' || !(await suspensions.resume(trx, organizationId, id, now))) return before;
        await audit.append(trx, {
          id: eventId,
          organizationId,
          occurredAt: now,
          action: 'api_key.resumed',
          actor: caller.actor,
          target: { type: 'apiKey', id, name: row.name },
          details: { suspension: before.suspension },
          concernsApiKeyId: id,
        });
        return { ...before, status: 'active' as const, suspension: null };
      });
      if (outcome.replayed) return { replayed: true, apiKey: toApiKeyDto(await mustFind(organizationId, id), nowIso()) };
      return { replayed: false, apiKey: outcome.value };
    },

    async bulkSuspend(caller, ids, reason, idempotencyKey) {
      const organizationId = caller.organization.id;
      // Due retirements first: such a key is revoked at its own time, by its schedule (notActive here).
      await retirements.materializeDue({ organizationId });
      const now = nowIso();
      const scope = idempotencyScope('api_key.bulk_suspend', caller);
      const outcome = await runIdempotent(
        db.kysely,
        { organizationId, scope, key: idempotencyKey, request: { ids, reason } },
        now,
        async (trx, bulkEventId) => {
          const suspended = await suspensions.suspendMany(trx, organizationId, ids, { at: now, by: caller.person, reason });
          const suspendedHere = new Set(suspended.map((row) => row.id));
          const others = await keys.findManyInOrganization(
            trx,
            organizationId,
            ids.filter((id) => !suspendedHere.has(id)),
          );
          const body = sortOut(ids, [...suspended, ...others], suspendedHere, (row) => endedAt(row, now), now);
          await audit.append(trx, {
            id: bulkEventId,
            organizationId,
            occurredAt: now,
            action: 'api_key.bulk_suspended',
            actor: caller.actor,
            target: { type: 'apiKeyBatch', id: bulkEventId, name: null },
            details: {
              count: body.suspended.length,
              alreadySuspended: body.alreadySuspended.length,
              notActive: body.notActive.length,
              notFound: body.notFound.length,
              reason,
            },
          });
          await audit.appendMany(
            trx,
            body.suspended.map((key) => ({
              organizationId,
              occurredAt: now,
              action: 'api_key.suspended' as const,
              actor: caller.actor,
              target: { type: 'apiKey', id: key.id, name: key.name },
              details: { reason, bulk: bulkEventId },
              concernsApiKeyId: key.id,
            })),
          );
          return body;
        },
      );
      if (outcome.replayed) return { replayed: true, body: await replayOf(organizationId, outcome.resourceId, ids) };
      return { replayed: false, body: outcome.value };
    },
  };
}
