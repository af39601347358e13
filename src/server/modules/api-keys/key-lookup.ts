/**
 * Reading one key of the caller's organization for a change to it, written once for every service
 * that changes a key (create's revoke, scheduled revocation, suspension, allowed addresses).
 */
import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys-repository.js';
import type { Retirements } from './retirements.js';

/** The key as it is now, its due retirement (if any) recorded first; 404 when it is no key of the organization. */
export async function currentKey(
  deps: { keys: Pick<ApiKeysRepository, 'findInOrganization'>; retirements: Pick<Retirements, 'materializeDue'> },
  organizationId: string,
  id: string,
): Promise<ApiKeyRow> {
  await deps.retirements.materializeDue({ organizationId, id });
  const row = await deps.keys.findInOrganization(organizationId, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such API key');
  return row;
}

/**
 * The key read inside `trx` after the epoch's lock (taken before any key row: db/auth-epoch-lock.ts),
 * so nothing that moves the epoch — a revoke, a suspend — slips between a status check and the write.
 */
export async function lockedKey(
  keys: Pick<ApiKeysRepository, 'findManyInOrganization'>,
  trx: Transaction<DatabaseSchema>,
  organizationId: string,
  id: string,
): Promise<ApiKeyRow> {
  await lockAuthEpoch(trx);
  const [row] = await keys.findManyInOrganization(trx, organizationId, [id]);
  if (!row) throw new AppError('NOT_FOUND', 'No such API key');
  return row;
}
