/** API keys of an organization. Secrets are never here: only their SHA-256 and a hint. */
import type { Kysely, Transaction } from 'kysely';
import { type CapabilitySlug, isCapabilitySlug } from '../../../shared/capabilities.js';
import type { ApiKeyDto, ListApiKeysQuery } from '../../../shared/http/api-keys.js';
import type { CursorPosition } from '../../lib/cursor.js';
import type { ApiKeysTable, DatabaseSchema } from '../../db/schema.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';

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
] as const;

export interface ApiKeysRepository {
  insert(trx: Transaction<DatabaseSchema>, row: ApiKeysTable): Promise<void>;
  findInOrganization(organizationId: string, id: string): Promise<ApiKeyRow | undefined>;
  list(organizationId: string, status: ListApiKeysQuery['status'], after: CursorPosition | null, limit: number): Promise<ApiKeyRow[]>;
  /**
   * Sets revoked_at if the key is active; true when this call revoked it. The one way a key gets
   * revoked: the single and the bulk revoke both call it inside their transaction.
   */
  revoke(trx: Transaction<DatabaseSchema>, organizationId: string, id: string, at: string): Promise<boolean>;
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

export function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  const parsed: unknown = JSON.parse(row.capabilities);
  const capabilities = Array.isArray(parsed) ? parsed.filter((s): s is CapabilitySlug => typeof s === 'string' && isCapabilitySlug(s)) : [];
  return {
    id: row.id,
    name: row.name,
    capabilities,
    canImpersonate: row.can_impersonate === 1,
    hint: row.hint,
    createdAt: row.created_at,
    createdBy: row.created_by_id !== null ? { id: row.created_by_id, name: row.created_by_name ?? '' } : null,
    lastUsedAt: row.last_used_at,
    status: row.revoked_at === null ? 'active' : 'revoked',
    revokedAt: row.revoked_at,
  };
}

export function createApiKeysRepository(db: Kysely<DatabaseSchema>): ApiKeysRepository {
  return {
    async insert(trx, row) {
      await trx.insertInto('api_keys').values(row).execute();
    },
    async findInOrganization(organizationId, id) {
      return db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).where('organization_id', '=', organizationId).executeTakeFirst();
    },
    async list(organizationId, status, after, limit) {
      let query = db.selectFrom('api_keys').select(COLUMNS).where('organization_id', '=', organizationId);
      if (status === 'active') query = query.where('revoked_at', 'is', null);
      if (status === 'revoked') query = query.where('revoked_at', 'is not', null);
      if (after) {
        query = query.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]));
      }
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    },
    async revoke(trx, organizationId, id, at) {
      await lockAuthEpoch(trx);
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
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
