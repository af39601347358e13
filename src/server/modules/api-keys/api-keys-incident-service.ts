/**
 * Incident response on API keys: revoking many keys at once, and naming keys from the SHA-256 of
 * leaked secrets. Both stay inside the caller's organization: another organization's key id is
 * "not found" and its hash "unknown", exactly like an id or hash of no key at all.
 *
 * A bulk revoke is one transaction of a handful of statements, whatever the number of keys: the
 * epoch lock, one `UPDATE … WHERE id IN (…) RETURNING` through the same repository call as the single
 * revoke (`keys.revokeMany`), one read of the listed keys it did not revoke, and two inserts of audit
 * events — one `api_key.revoked` per key naming the bulk event (`details.bulk`), in one multi-row
 * insert, and the `api_key.bulk_revoked` event with the counts. When the response leaves, the
 * transaction has committed, so every node refuses every listed key.
 *
 * With Idempotency-Key (the same rules as creating a key): the bulk event's id is the resource the
 * key remembers, and a replay (200, `Idempotent-Replayed: true`) rebuilds the first answer from it,
 * with the revoked keys as they are now; nothing is revoked or audited twice.
 */
import type { BulkRevokeApiKeysResponse, IdentifyApiKeysResponse } from '../../../shared/http/incident.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import { fromJsonText } from '../../lib/json.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import { toApiKeyDto } from './api-key-dto.js';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys-repository.js';
import type { Retirements } from './retirements.js';

export interface ApiKeysIncidentService {
  /** `ids` already validated: 1–1,000 distinct lowercase UUIDs. */
  bulkRevoke(
    caller: PersonPrincipal,
    ids: readonly string[],
    idempotencyKey: string | undefined,
  ): Promise<{ replayed: boolean; body: BulkRevokeApiKeysResponse }>;
  /** `secretHashes` already validated: 1–1,000 distinct lowercase SHA-256 hex strings. */
  identify(caller: PersonPrincipal, secretHashes: readonly string[]): Promise<IdentifyApiKeysResponse>;
}

export interface ApiKeysIncidentServiceDeps {
  db: Pick<Database, 'kysely'>;
  keys: ApiKeysRepository;
  audit: Pick<AuditRepository, 'append' | 'appendMany' | 'findById' | 'listAt'>;
  retirements: Retirements;
  clock: Clock;
}

/** Sorts the listed ids into the three answers, in the order they were listed. */
function sortOut(ids: readonly string[], rows: readonly ApiKeyRow[], revokedHere: (row: ApiKeyRow) => boolean, now: string): BulkRevokeApiKeysResponse {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const body: BulkRevokeApiKeysResponse = { revoked: [], alreadyRevoked: [], notFound: [] };
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) body.notFound.push(id);
    else if (revokedHere(row)) body.revoked.push(toApiKeyDto(row, now));
    else body.alreadyRevoked.push(id);
  }
  return body;
}

export function createApiKeysIncidentService({ db, keys, audit, retirements, clock }: ApiKeysIncidentServiceDeps): ApiKeysIncidentService {
  /** The answer of an earlier bulk revoke, rebuilt from its events; the keys as they are now. */
  async function replayOf(organizationId: string, bulkEventId: string, ids: readonly string[]): Promise<BulkRevokeApiKeysResponse> {
    const bulkEvent = await audit.findById(organizationId, bulkEventId);
    if (!bulkEvent) throw new Error(`Bulk revoke event ${bulkEventId} is missing`);
    // Its per-key events were written in the same transaction, so they carry the same instant.
    const perKey = await audit.listAt(organizationId, 'api_key.revoked', bulkEvent.occurred_at);
    const revokedIds = new Set(perKey.filter((event) => fromJsonText<{ bulk?: unknown }>(event.details)?.bulk === bulkEventId).map((event) => event.target_id));
    const rows = await keys.findManyInOrganization(db.kysely, organizationId, ids);
    return sortOut(ids, rows, (row) => revokedIds.has(row.id), new Date(clock.now()).toISOString());
  }

  return {
    async bulkRevoke(caller, ids, idempotencyKey) {
      const organizationId = caller.organization.id;
      // Due retirements first: such a key is revoked at its own time, by its schedule.
      await retirements.materializeDue({ organizationId });
      const now = new Date(clock.now()).toISOString();
      const scope = idempotencyScope('api_key.bulk_revoke', caller);
      const outcome = await runIdempotent(db.kysely, { organizationId, scope, key: idempotencyKey, request: { ids } }, now, async (trx, bulkEventId) => {
        // A key revoked before (or by a concurrent request) stays as it was: one event per revocation.
        const revoked = await keys.revokeMany(trx, organizationId, ids, now);
        const revokedHere = new Set(revoked.map((row) => row.id));
        const others = await keys.findManyInOrganization(
          trx,
          organizationId,
          ids.filter((id) => !revokedHere.has(id)),
        );
        const body = sortOut(ids, [...revoked, ...others], (row) => revokedHere.has(row.id), now);
        await audit.append(trx, {
          id: bulkEventId,
          organizationId,
          occurredAt: now,
          action: 'api_key.bulk_revoked',
          actor: caller.actor,
          target: { type: 'apiKeyBatch', id: bulkEventId, name: null },
          details: { count: body.revoked.length, alreadyRevoked: body.alreadyRevoked.length, notFound: body.notFound.length },
        });
        await audit.appendMany(
          trx,
          body.revoked.map((key) => ({
            organizationId,
            occurredAt: now,
            action: 'api_key.revoked' as const,
            actor: caller.actor,
            target: { type: 'apiKey', id: key.id, name: key.name },
            details: { bulk: bulkEventId },
            concernsApiKeyId: key.id,
          })),
        );
        return body;
      });
      if (outcome.replayed) return { replayed: true, body: await replayOf(organizationId, outcome.resourceId, ids) };
      return { replayed: false, body: outcome.value };
    },

    async identify(caller, secretHashes) {
      // Like the list: a due retirement reads as revoked at its time whether or not it is written yet.
      retirements.materializeDueLater({ organizationId: caller.organization.id });
      const now = new Date(clock.now()).toISOString();
      const rows = await keys.findBySecretHashes(caller.organization.id, secretHashes);
      const byHash = new Map(rows.map((row) => [row.secret_hash, row]));
      const body: IdentifyApiKeysResponse = { matches: [], unknown: [] };
      for (const secretHash of secretHashes) {
        const row = byHash.get(secretHash);
        if (row) {
          body.matches.push({ secretHash, apiKey: toApiKeyDto(row, now) });
        } else {
          body.unknown.push(secretHash);
        }
      }
      return body;
    },
  };
}
