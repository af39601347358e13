/**
 * A credential's validity in time: a key is refused from min(expires_at, retire_at) on — its
 * `validUntil`, compared with the clock on every request, cached or not, so no write needs to happen
 * at that instant. Admin tokens have no end.
 */
import { AppError } from '../../../shared/errors.js';
import type { ApiKeyAuthRow, PersonAuthRow } from '../../db/database.js';

export const INVALID = 'This credential is invalid or has been revoked';
const EXPIRED = 'This API key has expired';

/** The bound of a credential's validity in time (ms): a key's expiry or scheduled retirement, whichever comes first. */
export function validUntilOf(row: ApiKeyAuthRow | PersonAuthRow): number {
  if (!('expires_at' in row)) return Infinity;
  return Math.min(row.expires_at === null ? Infinity : Date.parse(row.expires_at), row.retire_at === null ? Infinity : Date.parse(row.retire_at));
}

/**
 * Why a key past its `validUntil` is refused: expired (said so), or retired (revoked; `retirementDue`
 * has it written now).
 */
export function timedOut(row: ApiKeyAuthRow, nowMs: number, retirementDue: (organizationId: string, apiKeyId: string) => void): AppError {
  if (row.retire_at !== null && nowMs >= Date.parse(row.retire_at)) {
    retirementDue(row.organization_id, row.id);
    return new AppError('UNAUTHORIZED', INVALID);
  }
  return new AppError('UNAUTHORIZED', `${EXPIRED} (it expired at ${row.expires_at})`, { hint: 'Use another key, or ask an admin for a new one.' });
}
