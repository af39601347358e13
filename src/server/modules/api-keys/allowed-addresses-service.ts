/**
 * Changing the addresses a key may be used from (`PUT /api/admin/api-keys/{id}/allowed-addresses`).
 *
 * - Only a key that can still be used: a revoked (or due to be) or expired key → 409; a suspended key
 *   may be restricted (and then resumed).
 * - The same blocks again, in any order, is no change: 200 with the key as it is, no audit event.
 *   Otherwise `api_key.allowed_addresses_changed` with `{ before, after }`.
 * - The write bumps the auth epoch (migration-key-allowed-addresses.ts): every process refuses an
 *   address the change excluded on its very next request once this answered.
 * - With Idempotency-Key, the rules of creates: the same key and request again → 200 with the key as
 *   it is now and `Idempotent-Replayed: true`; the same key with another request → 409.
 */
import { AppError } from '../../../shared/errors.js';
import type { ApiKeyDto } from '../../../shared/http/keys.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import { sameAllowedAddresses, writeAllowedAddresses } from './allowed-addresses-store.js';
import { currentKey, lockedKey } from './key-lookup.js';
import { toApiKeyDto } from './api-key-dto.js';
import type { ApiKeysRepository } from './api-keys-repository.js';
import type { Retirements } from './retirements.js';

export interface AllowedAddressesService {
  set(
    caller: PersonPrincipal,
    id: string,
    allowedAddresses: string[] | null,
    idempotencyKey: string | undefined,
  ): Promise<{ replayed: boolean; apiKey: ApiKeyDto }>;
}

export function createAllowedAddressesService(deps: {
  db: Pick<Database, 'kysely'>;
  keys: ApiKeysRepository;
  audit: Pick<AuditRepository, 'append'>;
  retirements: Retirements;
  clock: Clock;
}): AllowedAddressesService {
  const { db, keys, audit, retirements, clock } = deps;
  const nowIso = () => new Date(clock.now()).toISOString();

  const current = (organizationId: string, id: string) => currentKey({ keys, retirements }, organizationId, id);

  return {
    async set(caller, id, allowedAddresses, idempotencyKey) {
      const organizationId = caller.organization.id;
      await current(organizationId, id);
      const now = nowIso();
      const scope = idempotencyScope('api_key.set_allowed_addresses', caller);
      const request = { id, allowedAddresses };
      const outcome = await runIdempotent(db.kysely, { organizationId, scope, key: idempotencyKey, request }, now, async (trx, eventId) => {
        // Read and write under the epoch's lock: a revoke cannot slip between the status check and the write.
        const key = toApiKeyDto(await lockedKey(keys, trx, organizationId, id), now);
        if (key.status === 'revoked' || key.status === 'expired') {
          throw new AppError('CONFLICT', `This key is ${key.status}: its allowed addresses can no longer change`);
        }
        if (sameAllowedAddresses(key.allowedAddresses, allowedAddresses)) return key;
        await writeAllowedAddresses(trx, organizationId, id, allowedAddresses);
        await audit.append(trx, {
          id: eventId,
          organizationId,
          occurredAt: now,
          action: 'api_key.allowed_addresses_changed',
          actor: caller.actor,
          target: { type: 'apiKey', id, name: key.name },
          details: { before: key.allowedAddresses, after: allowedAddresses },
          concernsApiKeyId: id,
        });
        return { ...key, allowedAddresses };
      });
      if (outcome.replayed) return { replayed: true, apiKey: toApiKeyDto(await current(organizationId, id), nowIso()) };
      return { replayed: false, apiKey: outcome.value };
    },
  };
}
