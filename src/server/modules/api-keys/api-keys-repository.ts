/** API keys of an organization. Secrets are never here: only their SHA-256 and a hint. */
import type { Kysely, Transaction } from 'kysely';
import type { ListApiKeysQuery } from '../../../shared/http/keys.js';
import type { CursorPosition } from '../../lib/cursor.js';
import type { ApiKeysTable, DatabaseSchema } from '../../db/schema.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';
import { keysUsedFrom } from '../activity/activity-repository.js';

export type ApiKeyRow = Omit<ApiKeysTable, 'secret_hash'>;

const COLUMNS = [
  'id',
  'organization_id',
  'name',
  'capabilities',
  'can_impersonate',
  'hint',
  'created_at',
  'created_by_id',
  'created_by_name',
  'last_used_at',
  'revoked_at',
  'expires_at',
  'retire_at',
  'retire_after_first_use_of',
  'retire_grace_seconds',
  'retire_actor',
  'first_used_at',
  'allowed_addresses',
] as const;

/** The stored retirement plan of a key: at a time, after another key's first use + grace, or none. */
export type RetirementPlan = Pick<ApiKeysTable, 'retire_at' | 'retire_after_first_use_of' | 'retire_grace_seconds' | 'retire_actor'>;

export interface ApiKeysRepository {
  insert(trx: Transaction<DatabaseSchema>, row: ApiKeysTable): Promise<void>;
  findInOrganization(organizationId: string, id: string): Promise<ApiKeyRow | undefined>;
  /**
   * `now` (stored ISO form) decides which keys count as expired or retired; `usedFrom` keeps only keys
   * with an activity source at that (normalized) address on or after that day.
   */
  list(
    organizationId: string,
    status: ListApiKeysQuery['status'],
    now: string,
    after: CursorPosition | null,
    limit: number,
    usedFrom?: { address: string; since: string },
  ): Promise<ApiKeyRow[]>;
  /**
   * Sets revoked_at if the key is active; true when this call revoked it. The one way a key gets
   * revoked: the single and the bulk revoke both call it inside their transaction.
   */
  revoke(trx: Transaction<DatabaseSchema>, organizationId: string, id: string, at: string): Promise<boolean>;
  /**
   * Sets (or, with all nulls, clears) the key's retirement plan, only while the key is neither revoked
   * nor past a retirement already planned; true when it changed. Changing `retire_at` bumps the auth
   * epoch (trigger), so callers hold the epoch lock (db/auth-epoch-lock.ts).
   */
  setRetirement(trx: Transaction<DatabaseSchema>, organizationId: string, id: string, plan: RetirementPlan, now: string): Promise<boolean>;
  /**
   * Records the key's first successful use if none is recorded yet (one conditional UPDATE: the
   * first writer wins on every node) and, in the same transaction, fills `retire_at` = that use +
   * grace of the keys waiting for it, which bumps the auth epoch (trigger). True when this call recorded it.
   */
  recordFirstUse(id: string, at: string): Promise<boolean>;
  /** The keys of the organization among `ids` (pass the transaction to read inside it). */
  findManyInOrganization(executor: Kysely<DatabaseSchema>, organizationId: string, ids: readonly string[]): Promise<ApiKeyRow[]>;
  /** The keys of the organization whose secret hashes are among `hashes` (the unique index on secret_hash). */
  findBySecretHashes(organizationId: string, hashes: readonly string[]): Promise<(ApiKeyRow & { secret_hash: string })[]>;
}

/** Bound parameters per IN list: well under SQLite's and PostgreSQL's limits. */
const IN_CHUNK = 500;

function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) chunks.push(items.slice(i, i + IN_CHUNK));
  return chunks;
}

/** `iso` plus `seconds`, in the stored form. */
export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

export function createApiKeysRepository(db: Kysely<DatabaseSchema>): ApiKeysRepository {
  return {
    async insert(trx, row) {
      await trx.insertInto('api_keys').values(row).execute();
    },
    async findInOrganization(organizationId, id) {
      return db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).where('organization_id', '=', organizationId).executeTakeFirst();
    },
    async list(organizationId, status, now, after, limit, usedFrom) {
      let query = db.selectFrom('api_keys').select(COLUMNS).where('organization_id', '=', organizationId);
      if (status !== 'all' && status !== 'revoked') {
        query = query.where('revoked_at', 'is', null).where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', now)]));
      }
      if (status === 'active') query = query.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
      if (status === 'expired') query = query.where('expires_at', '<=', now);
      if (status === 'revoked') query = query.where((eb) => eb.or([eb('revoked_at', 'is not', null), eb('retire_at', '<=', now)]));
      if (usedFrom) query = query.where('id', 'in', keysUsedFrom(db, usedFrom.address, usedFrom.since));
      if (after) {
        query = query.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]));
      }
      return query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
    },
    async revoke(trx, organizationId, id, at) {
      await lockAuthEpoch(trx);
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where('revoked_at', 'is', null)
        // A retirement already due is that key's revocation (retirements.ts records it, with its own time).
        .where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', at)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setRetirement(trx, organizationId, id, plan, now) {
      const result = await trx
        .updateTable('api_keys')
        .set(plan)
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async recordFirstUse(id, at) {
      return db.transaction().execute(async (trx) => {
        await lockAuthEpoch(trx);
        const first = await trx.updateTable('api_keys').set({ first_used_at: at }).where('id', '=', id).where('first_used_at', 'is', null).executeTakeFirst();
        if (Number(first.numUpdatedRows) === 0) return false;
        const waiting = await trx
          .selectFrom('api_keys')
          .select(['id', 'retire_grace_seconds'])
          .where('retire_after_first_use_of', '=', id)
          .where('retire_at', 'is', null)
          .where('revoked_at', 'is', null)
          .execute();
        for (const key of waiting) {
          await trx
            .updateTable('api_keys')
            .set({ retire_at: addSeconds(at, key.retire_grace_seconds ?? 0) })
            .where('id', '=', key.id)
            .where('retire_after_first_use_of', '=', id)
            .where('retire_at', 'is', null)
            .execute();
        }
        return true;
      });
    },
    async findManyInOrganization(executor, organizationId, ids) {
      const rows: ApiKeyRow[] = [];
      for (const chunk of chunksOf(ids)) {
        rows.push(...(await executor.selectFrom('api_keys').select(COLUMNS).where('organization_id', '=', organizationId).where('id', 'in', chunk).execute()));
      }
      return rows;
    },
    async findBySecretHashes(organizationId, hashes) {
      const rows: (ApiKeyRow & { secret_hash: string })[] = [];
      for (const chunk of chunksOf(hashes)) {
        rows.push(
          ...(await db
            .selectFrom('api_keys')
            .select([...COLUMNS, 'secret_hash'])
            .where('secret_hash', 'in', chunk)
            .where('organization_id', '=', organizationId)
            .execute()),
        );
      }
      return rows;
    },
  };
}
