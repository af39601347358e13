/**
 * Scheduling a key's revocation (retirement) and cancelling it.
 *
 * `{ at }`: revoked from that instant. `{ afterFirstUseOf, graceSeconds }`: revoked `graceSeconds`
 * after the first successful use of another key of the organization (its replacement); `at` is
 * filled when that use is recorded (api-keys-repository.ts `recordFirstUse`), or at once (now +
 * grace) when that key was already used. A new schedule replaces the previous one. Each is audited
 * (`api_key.revocation_scheduled`, `api_key.revocation_cancelled`); the revocation itself is
 * recorded by retirements.ts. With Idempotency-Key, scheduling follows the rules of creates: the
 * same key and request again → 200 with the key as it is now and `Idempotent-Replayed: true`.
 */
import { AppError } from '../../../shared/errors.js';
import type { ApiKeyDto } from '../../../shared/http/keys.js';
import type { ScheduleRevocationBodySchema } from '../../../shared/http/scheduled-revocation.js';
import { keyEndIssue } from '../../../shared/key-expiry.js';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import { toJsonText } from '../../lib/json.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import { currentKey } from './key-lookup.js';
import { toApiKeyDto } from './api-key-dto.js';
import { type ApiKeysRepository, addSeconds } from './api-keys-repository.js';
import type { Retirements } from './retirements.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';

export type ScheduleRevocationInput = z.output<typeof ScheduleRevocationBodySchema>;

export interface ScheduledRevocationService {
  schedule(
    caller: PersonPrincipal,
    id: string,
    input: ScheduleRevocationInput,
    idempotencyKey: string | undefined,
  ): Promise<{ replayed: boolean; apiKey: ApiKeyDto }>;
  cancel(caller: PersonPrincipal, id: string): Promise<ApiKeyDto>;
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ path, message }] });
}

const ALREADY_REVOKED = 'This key is already revoked';

export function createScheduledRevocationService(deps: {
  db: Pick<Database, 'kysely'>;
  keys: ApiKeysRepository;
  audit: Pick<AuditRepository, 'append'>;
  retirements: Retirements;
  clock: Clock;
}): ScheduledRevocationService {
  const { db, keys, audit, retirements, clock } = deps;

  const current = (organizationId: string, id: string) => currentKey({ keys, retirements }, organizationId, id);

  return {
    async schedule(caller, id, input, idempotencyKey) {
      const organizationId = caller.organization.id;
      await current(organizationId, id);
      const nowDate = new Date(clock.now());
      const now = nowDate.toISOString();
      const scope = idempotencyScope('api_key.schedule_revocation', caller);
      const outcome = await runIdempotent(db.kysely, { organizationId, scope, key: idempotencyKey, request: { id, ...input } }, now, async (trx, eventId) => {
        // Before any key row: every transaction that can move the epoch takes its lock first (db/auth-epoch-lock.ts).
        await lockAuthEpoch(trx);
        let plan: { retire_at: string | null; retire_after_first_use_of: string | null; retire_grace_seconds: number | null };
        if (input.at !== undefined) {
          const endIssue = keyEndIssue(input.at, nowDate.getTime(), 'at');
          if (endIssue !== null) throw invalid('at', endIssue);
          plan = { retire_at: input.at, retire_after_first_use_of: null, retire_grace_seconds: null };
        } else {
          const otherId = input.afterFirstUseOf as string;
          const grace = input.graceSeconds as number;
          if (otherId === id) throw invalid('afterFirstUseOf', 'afterFirstUseOf must name another key (the replacement), not this one');
          // Lock the replacement's row first (a no-op write): a first use recorded concurrently either
          // committed before this read (then `at` is set now) or waits for this transaction and then
          // finds this key waiting for it (recordFirstUse). Changes no auth column: no epoch bump.
          await trx
            .updateTable('api_keys')
            .set((eb) => ({ first_used_at: eb.ref('first_used_at') }))
            .where('id', '=', otherId)
            .where('organization_id', '=', organizationId)
            .execute();
          const [other] = await keys.findManyInOrganization(trx, organizationId, [otherId]);
          if (!other) throw invalid('afterFirstUseOf', 'afterFirstUseOf must name a key of this organization');
          const status = toApiKeyDto(other, now).status;
          // A suspended replacement may still be resumed and then used: only an ended key never can.
          if (status === 'revoked' || status === 'expired')
            throw invalid('afterFirstUseOf', `afterFirstUseOf names a key that is ${status}: it can never be first used`);
          plan = { retire_at: other.first_used_at !== null ? addSeconds(now, grace) : null, retire_after_first_use_of: otherId, retire_grace_seconds: grace };
        }
        if (!(await keys.setRetirement(trx, organizationId, id, { ...plan, retire_actor: toJsonText(caller.actor) }, now)))
          throw new AppError('CONFLICT', ALREADY_REVOKED);
        const [row] = await keys.findManyInOrganization(trx, organizationId, [id]);
        const apiKey = toApiKeyDto(row!, now);
        await audit.append(trx, {
          id: eventId,
          organizationId,
          occurredAt: now,
          action: 'api_key.revocation_scheduled',
          actor: caller.actor,
          target: { type: 'apiKey', id, name: row!.name },
          details: { ...apiKey.scheduledRevocation },
          concernsApiKeyId: id,
        });
        return apiKey;
      });
      if (outcome.replayed) return { replayed: true, apiKey: toApiKeyDto(await current(organizationId, id), new Date(clock.now()).toISOString()) };
      return { replayed: false, apiKey: outcome.value };
    },

    async cancel(caller, id) {
      const organizationId = caller.organization.id;
      const row = await current(organizationId, id);
      const now = new Date(clock.now()).toISOString();
      if (row.revoked_at !== null) throw new AppError('CONFLICT', ALREADY_REVOKED);
      const previous = toApiKeyDto(row, now).scheduledRevocation;
      // Nothing scheduled: nothing to cancel, nothing recorded (cancelling twice is a no-op).
      if (previous === null) return toApiKeyDto(row, now);
      await db.kysely.transaction().execute(async (trx) => {
        await lockAuthEpoch(trx);
        const none = { retire_at: null, retire_after_first_use_of: null, retire_grace_seconds: null, retire_actor: null };
        // Its time came while this request ran: the key is revoked, the schedule cannot be undone.
        if (!(await keys.setRetirement(trx, organizationId, id, none, now))) throw new AppError('CONFLICT', ALREADY_REVOKED);
        await audit.append(trx, {
          organizationId,
          occurredAt: now,
          action: 'api_key.revocation_cancelled',
          actor: caller.actor,
          target: { type: 'apiKey', id, name: row.name },
          details: { ...previous },
          concernsApiKeyId: id,
        });
      });
      return toApiKeyDto(await current(organizationId, id), new Date(clock.now()).toISOString());
    },
  };
}
