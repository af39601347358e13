/**
 * A suspended key's refusal: 401 saying the key is suspended, and nothing else about it (not who,
 * when or why — whoever holds the secret may be the one it was switched off against). A suspended
 * row is refused before it is remembered, so no cache ever holds one; a resume bumps the auth epoch
 * like the suspend did, so the key's next request is looked up afresh on every node.
 */
import { AppError } from '../../../shared/errors.js';
import type { ApiKeyAuthRow, PersonAuthRow } from '../../db/database.js';

export const SUSPENDED = 'This API key is suspended';

/** The refusal when `row` is a suspended key's; null otherwise. */
export function suspendedRefusal(row: ApiKeyAuthRow | PersonAuthRow): AppError | null {
  if (!('suspended_at' in row) || row.suspended_at === null) return null;
  return new AppError('UNAUTHORIZED', SUSPENDED, { hint: 'Ask an admin to resume it, or use another key.' });
}
