/** The organization's key policy (table key_policies); an organization without a row has no rules. */
import type { Kysely, Transaction } from 'kysely';
import type { KeyPolicy } from '../../../shared/http/key-policy.js';
import type { DatabaseSchema } from '../../db/schema.js';

export const NO_POLICY: KeyPolicy = Object.freeze({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false });

export interface KeyPolicyRepository {
  /** Read with `executor` (a transaction, to read inside it) or the database. */
  get(executor: Kysely<DatabaseSchema>, organizationId: string): Promise<KeyPolicy>;
  put(trx: Transaction<DatabaseSchema>, organizationId: string, policy: KeyPolicy, now: string): Promise<void>;
}

export function createKeyPolicyRepository(): KeyPolicyRepository {
  return {
    async get(executor, organizationId) {
      const row = await executor
        .selectFrom('key_policies')
        .select(['max_lifetime_days', 'require_expiry', 'require_allowed_addresses'])
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return row
        ? { maxLifetimeDays: row.max_lifetime_days, requireExpiry: row.require_expiry === 1, requireAllowedAddresses: row.require_allowed_addresses === 1 }
        : NO_POLICY;
    },
    async put(trx, organizationId, policy, now) {
      const values = {
        max_lifetime_days: policy.maxLifetimeDays,
        require_expiry: policy.requireExpiry ? 1 : 0,
        require_allowed_addresses: policy.requireAllowedAddresses ? 1 : 0,
        updated_at: now,
      };
      await trx
        .insertInto('key_policies')
        .values({ organization_id: organizationId, ...values })
        .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
        .execute();
    },
  };
}
