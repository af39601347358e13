/**
 * The key policy: rules every newly created key must satisfy — a maximum lifetime (which implies an
 * expiry date) and/or "require an expiry date". It applies to creates only: keys that exist keep
 * their expiry when the policy changes, and scheduling a key's revocation is never refused by it (a
 * retirement only shortens a key's life). A rotation creates a new key, which the policy checks.
 */
import { AppError } from '../../../shared/errors.js';
import type { KeyPolicy } from '../../../shared/http/key-policy.js';
import { compareInstants } from '../../../shared/instant.js';
import { keyEndIssue } from '../../../shared/key-expiry.js';
import type { Database } from '../../db/database.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import type { KeyPolicyRepository } from './key-policy-repository.js';
import type { Kysely } from 'kysely';

const DAY_MS = 86_400_000;

export interface KeyPolicyService {
  get(caller: PersonPrincipal): Promise<KeyPolicy>;
  update(caller: PersonPrincipal, policy: KeyPolicy): Promise<KeyPolicy>;
}

function expiryIssue(message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ path: 'expiresAt', message }] });
}

/**
 * Throws 400 VALIDATION on `expiresAt` when a new key created at `now` with this expiry breaks the
 * policy or is not in the future. Read inside the create's transaction, so the check and the create
 * agree; returns the policy read, for the create's other rules (allowed-addresses-rule.ts).
 */
export async function checkNewKeyExpiry(
  executor: Kysely<DatabaseSchema>,
  policies: KeyPolicyRepository,
  organizationId: string,
  expiresAt: string | undefined,
  now: Date,
): Promise<KeyPolicy> {
  const endIssue = expiresAt === undefined ? null : keyEndIssue(expiresAt, now.getTime(), 'expiresAt');
  if (endIssue !== null) throw expiryIssue(endIssue);
  const policy = await policies.get(executor, organizationId);
  if (policy.maxLifetimeDays !== null) {
    const latest = new Date(now.getTime() + policy.maxLifetimeDays * DAY_MS).toISOString();
    if (expiresAt === undefined) {
      throw expiryIssue(`The organization's key policy (maximum lifetime ${policy.maxLifetimeDays} days) requires an expiry date, at the latest ${latest}`);
    }
    if (compareInstants(expiresAt, latest) > 0) {
      throw expiryIssue(`The organization's key policy (maximum lifetime ${policy.maxLifetimeDays} days) requires an expiry date no later than ${latest}`);
    }
  }
  if (policy.requireExpiry && expiresAt === undefined) {
    throw expiryIssue(`The organization's key policy (require an expiry date) requires an expiry date`);
  }
  return policy;
}

export function createKeyPolicyService(deps: {
  db: Pick<Database, 'kysely'>;
  policies: KeyPolicyRepository;
  audit: Pick<AuditRepository, 'append'>;
  clock: Clock;
}): KeyPolicyService {
  const { db, policies, audit, clock } = deps;
  return {
    get: (caller) => policies.get(db.kysely, caller.organization.id),
    async update(caller, policy) {
      const organizationId = caller.organization.id;
      const now = new Date(clock.now()).toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        const before = await policies.get(trx, organizationId);
        await policies.put(trx, organizationId, policy, now);
        await audit.append(trx, {
          organizationId,
          occurredAt: now,
          action: 'key_policy.updated',
          actor: caller.actor,
          target: { type: 'keyPolicy', id: organizationId, name: null },
          details: { before, after: policy },
        });
      });
      return policy;
    },
  };
}
