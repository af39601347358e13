/**
 * Creating, listing and revoking API keys. Two ways to create: the server generates the secret and
 * returns it once, or the client generated it and sends only its SHA-256 and hint (the desktop app's
 * way: the secret never leaves the admin's machine). Either way only the hash is stored.
 *
 * Idempotent replays (same Idempotency-Key, same request) return the key as it is now, with status
 * 200 instead of 201 and without `secret`: a server-generated secret is shown once, ever. A client
 * that lost the first response of a server-generated create must revoke that key and make another.
 */
import { sortCapabilities } from '../../../shared/capabilities.js';
import { AppError } from '../../../shared/errors.js';
import type { ApiKeyDto, CreateApiKeyResponse, ListApiKeysQuery, ListApiKeysResponse } from '../../../shared/http/keys.js';
import type { CreateApiKeyBodySchema } from '../../../shared/http/keys.js';
import { generateSecret, hashSecret, hintOf } from '../../../shared/key-format.js';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { decodeCursor, pageFrom } from '../../lib/cursor.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import type { KeyPolicyRepository } from '../key-policy/key-policy-repository.js';
import { checkNewKeyAllowedAddresses } from '../key-policy/allowed-addresses-rule.js';
import { checkNewKeyExpiry } from '../key-policy/key-policy-service.js';
import { toStoredAllowedAddresses } from './allowed-addresses-store.js';
import { currentKey } from './key-lookup.js';
import { toApiKeyDto } from './api-key-dto.js';
import type { ApiKeysRepository } from './api-keys-repository.js';
import type { Retirements } from './retirements.js';
import { NOT_SUSPENDED } from './suspension-repository.js';
import { ACTIVITY_RETENTION_DAYS } from '../../../shared/http/activity.js';
import { daysEndingAt } from '../activity/utc-days.js';

export type CreateApiKeyInput = z.output<typeof CreateApiKeyBodySchema>;

export interface ApiKeysService {
  list(caller: PersonPrincipal, query: ListApiKeysQuery): Promise<ListApiKeysResponse>;
  create(caller: PersonPrincipal, input: CreateApiKeyInput, idempotencyKey: string | undefined): Promise<{ replayed: boolean; body: CreateApiKeyResponse }>;
  revoke(caller: PersonPrincipal, id: string): Promise<ApiKeyDto>;
}

export interface ApiKeysServiceDeps {
  db: Pick<Database, 'kysely'>;
  keys: ApiKeysRepository;
  audit: Pick<AuditRepository, 'append'>;
  policies: KeyPolicyRepository;
  retirements: Retirements;
  clock: Clock;
}

export function createApiKeysService({ db, keys, audit, policies, retirements, clock }: ApiKeysServiceDeps): ApiKeysService {
  const nowIso = () => new Date(clock.now()).toISOString();

  const mustFind = (organizationId: string, id: string) => currentKey({ keys, retirements }, organizationId, id);

  return {
    async list(caller, query) {
      // The list reads a due retirement as revoked at its time whether or not it is written yet.
      retirements.materializeDueLater({ organizationId: caller.organization.id });
      const now = nowIso();
      // usedFrom: a source at that address within the activity kept (the last 90 UTC days).
      const usedFrom = query.usedFrom === undefined ? undefined : { address: query.usedFrom, since: daysEndingAt(clock.now(), ACTIVITY_RETENTION_DAYS)[0]! };
      const rows = await keys.list(caller.organization.id, query.status, now, decodeCursor(query.cursor), query.limit, usedFrom);
      return pageFrom(
        rows,
        query.limit,
        (row) => toApiKeyDto(row, now),
        (row) => ({ at: row.created_at, id: row.id }),
      );
    },

    async create(caller, input, idempotencyKey) {
      const capabilities = sortCapabilities(input.capabilities);
      const request = { ...input, capabilities };
      const secret = input.secretHash === undefined ? generateSecret('apiKey') : undefined;
      const secretHash = input.secretHash ?? hashSecret(secret as string);
      const hint = input.hint ?? hintOf(secret as string);
      const nowDate = new Date(clock.now());
      const now = nowDate.toISOString();
      const organizationId = caller.organization.id;
      try {
        const outcome = await runIdempotent(
          db.kysely,
          { organizationId, scope: idempotencyScope('api_key.create', caller), key: idempotencyKey, request },
          now,
          async (trx, id) => {
            // Checked only when creating: a replay (say, of a create queued offline) returns the key it made.
            const policy = await checkNewKeyExpiry(trx, policies, organizationId, input.expiresAt, nowDate);
            checkNewKeyAllowedAddresses(policy, input.allowedAddresses);
            const row = {
              id,
              organization_id: organizationId,
              name: input.name,
              capabilities: JSON.stringify(capabilities),
              can_impersonate: input.canImpersonate ? 1 : 0,
              secret_hash: secretHash,
              hint,
              created_at: now,
              created_by_id: caller.person.id,
              created_by_name: caller.person.name,
              last_used_at: null,
              revoked_at: null,
              expires_at: input.expiresAt ?? null,
              retire_at: null,
              retire_after_first_use_of: null,
              retire_grace_seconds: null,
              retire_actor: null,
              first_used_at: null,
              ...NOT_SUSPENDED,
              allowed_addresses: toStoredAllowedAddresses(input.allowedAddresses),
            };
            await keys.insert(trx, row);
            await audit.append(trx, {
              organizationId,
              occurredAt: now,
              action: 'api_key.created',
              actor: caller.actor,
              target: { type: 'apiKey', id, name: input.name },
              details: {
                capabilities,
                canImpersonate: input.canImpersonate,
                secretGeneratedBy: secret ? 'server' : 'client',
                expiresAt: input.expiresAt ?? null,
                allowedAddresses: input.allowedAddresses ?? null,
              },
              concernsApiKeyId: id,
            });
            return toApiKeyDto(row, now);
          },
        );
        if (outcome.replayed) return { replayed: true, body: { apiKey: toApiKeyDto(await mustFind(organizationId, outcome.resourceId), nowIso()) } };
        return { replayed: false, body: secret ? { apiKey: outcome.value, secret } : { apiKey: outcome.value } };
      } catch (error) {
        // Only a client-sent hash can collide (server secrets have 190 random bits): never reuse one.
        if (isUniqueViolation(error)) {
          throw new AppError('CONFLICT', 'A key with this secret already exists; generate a new secret', {
            issues: [{ path: 'secretHash', message: 'This secret is already in use' }],
          });
        }
        throw error;
      }
    },

    async revoke(caller, id) {
      const organizationId = caller.organization.id;
      const row = await mustFind(organizationId, id);
      const now = new Date(clock.now()).toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        // Revoking twice is a no-op: one audit event, the first revocation time kept.
        if ((await keys.revokeMany(trx, organizationId, [id], now)).length === 0) return;
        await audit.append(trx, {
          organizationId,
          occurredAt: now,
          action: 'api_key.revoked',
          actor: caller.actor,
          target: { type: 'apiKey', id, name: row.name },
          concernsApiKeyId: id,
        });
      });
      return toApiKeyDto(await mustFind(organizationId, id), nowIso());
    },
  };
}
