/** API keys of an organization. Secrets are never here: only their SHA-256 and a hint. */
import type { Kysely, Transaction } from 'kysely';
import { type CapabilitySlug, isCapabilitySlug } from '../../../shared/capabilities.js';
import type { ApiKeyDto, ListApiKeysQuery } from '../../../shared/http/api-keys.js';
import type { CursorPosition } from '../../lib/cursor.js';
import type { ApiKeysTable, DatabaseSchema } from '../../db/schema.js';

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
  /** Sets revoked_at if the key is active; true when this call revoked it. */
  revoke(trx: Transaction<DatabaseSchema>, organizationId: string, id: string, at: string): Promise<boolean>;
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
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
