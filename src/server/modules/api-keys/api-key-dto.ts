/** How the API shows a stored key: the one place its status is decided from the row and the time. */
import { type CapabilitySlug, isCapabilitySlug } from '../../../shared/capabilities.js';
import type { ApiKeyDto } from '../../../shared/http/keys.js';
import { isAtOrBefore } from '../../../shared/instant.js';
import { allowedAddressesOf } from './allowed-addresses-store.js';
import type { ApiKeyRow } from './api-keys-repository.js';

function scheduledRevocationOf(row: ApiKeyRow): ApiKeyDto['scheduledRevocation'] {
  if (row.retire_after_first_use_of !== null) {
    return { afterFirstUseOf: row.retire_after_first_use_of, graceSeconds: row.retire_grace_seconds ?? 0, at: row.retire_at };
  }
  return row.retire_at !== null ? { at: row.retire_at } : null;
}

/**
 * The key as the API shows it at `now` (stored ISO form). A retirement whose time has passed reads as
 * revoked at that time even before its revocation is written (retirements.ts writes it on the next
 * list, read or authentication); a revocation takes precedence over an expiry.
 */
export function toApiKeyDto(row: ApiKeyRow, now: string): ApiKeyDto {
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
    ...statusOf(row, now),
    expiresAt: row.expires_at,
    scheduledRevocation: scheduledRevocationOf(row),
    // Containment's suspension arrives with its migration; until then no key is suspended.
    suspension: null,
    allowedAddresses: allowedAddressesOf(row.allowed_addresses),
  };
}

function statusOf(row: ApiKeyRow, now: string): Pick<ApiKeyDto, 'status' | 'revokedAt'> {
  if (row.revoked_at !== null) return { status: 'revoked', revokedAt: row.revoked_at };
  if (row.retire_at !== null && isAtOrBefore(row.retire_at, now)) return { status: 'revoked', revokedAt: row.retire_at };
  if (row.expires_at !== null && isAtOrBefore(row.expires_at, now)) return { status: 'expired', revokedAt: null };
  return { status: 'active', revokedAt: null };
}
