/**
 * A key's allowed addresses as stored (api_keys.allowed_addresses, migration-key-allowed-addresses.ts):
 * JSON text of canonical blocks, or null for "from anywhere". Only the API's schema
 * (AllowedAddressesSchema) writes it, so a stored list is canonical, 1–50 blocks, each once.
 */
import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.js';

export function toStoredAllowedAddresses(blocks: readonly string[] | null | undefined): string | null {
  return blocks === null || blocks === undefined ? null : JSON.stringify(blocks);
}

/** The stored list, or null. A value that is not a list of strings (never written by the server) reads as an empty list: no address, fail closed. */
export function allowedAddressesOf(stored: string | null): string[] | null {
  if (stored === null) return null;
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((block): block is string => typeof block === 'string') : [];
}

/** The same blocks, whatever their order. */
export function sameAllowedAddresses(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((block) => set.has(block));
}

/**
 * Writes the key's list; bumps the auth epoch (its trigger), so the caller has taken the epoch's
 * lock first (db/auth-epoch-lock.ts) and checked, in the same transaction, that the key may change.
 */
export async function writeAllowedAddresses(
  trx: Transaction<DatabaseSchema>,
  organizationId: string,
  id: string,
  blocks: readonly string[] | null,
): Promise<void> {
  await trx
    .updateTable('api_keys')
    .set({ allowed_addresses: toStoredAllowedAddresses(blocks) })
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .execute();
}
