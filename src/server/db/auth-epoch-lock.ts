/**
 * Takes the revocation epoch's row lock first, in a transaction about to change a column the epoch
 * triggers watch (a revoke, a scheduled retirement set, filled in, cancelled or recorded).
 *
 * The epoch triggers (migration-auth-state.ts) update the one `auth_epoch` row after each revoked
 * row, so on PostgreSQL a transaction that revokes several rows holds the epoch lock while it still
 * waits for more row locks. Two such transactions over overlapping keys (a bulk revoke and a single
 * revoke of one of its keys, two admins during an incident) would each hold what the other needs:
 * a deadlock, and one of them a 500. Taking the epoch lock before any row lock gives every revoking
 * transaction the same lock order — they run one after the other, which is also what they mean.
 * On SQLite the transaction's first write takes the database's one write lock anyway; this is a
 * no-op write there.
 */
import { type Transaction, sql } from 'kysely';
import type { DatabaseSchema } from './schema.js';

export async function lockAuthEpoch(trx: Transaction<DatabaseSchema>): Promise<void> {
  await sql`UPDATE auth_epoch SET epoch = epoch WHERE id = 1`.execute(trx);
}
