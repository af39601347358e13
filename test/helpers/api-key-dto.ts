/**
 * The one factory for API keys in tests: `apiKeyDto` for what the server answers (ApiKeyDto), `keyRow`
 * for what main gives the renderer (KeyRow = the DTO + its pending action, rotation and flags). Each
 * returns a complete, schema-valid value (test/unit/helpers/api-key-dto.test.ts parses it) with a fresh
 * id; a test overrides only what it is about, so a field added to the contract is added here once.
 */
import type { ApiKeyDto } from '../../src/shared/http/keys';
import type { KeyRow } from '../../src/shared/ipc/keys';

let nextId = 1;

/** A fresh key id (a valid UUID, unique within the test process). */
export function keyId(): string {
  return `00000000-0000-4000-8000-${(nextId++).toString(16).padStart(12, '0')}`;
}

/** An active key with no permission, never used, no expiry, no schedule, no suspension, usable from anywhere. */
export function apiKeyDto(overrides: Partial<ApiKeyDto> = {}): ApiKeyDto {
  return {
    id: keyId(),
    name: 'Data import service',
    capabilities: [],
    canImpersonate: false,
    hint: 'rkr_key_…ABCD',
    createdAt: '2026-10-01T09:30:00.000Z',
    createdBy: null,
    lastUsedAt: null,
    status: 'active',
    revokedAt: null,
    expiresAt: null,
    scheduledRevocation: null,
    suspension: null,
    allowedAddresses: null,
    ...overrides,
  };
}

/** The row main lists for such a key: nothing queued, no rotation, no flags, no usage data. */
export function keyRow(overrides: Partial<KeyRow> = {}): KeyRow {
  return { ...apiKeyDto(), pending: null, rotatesKeyId: null, flags: [], usageFetchedAt: null, allowedAddressesPending: false, ...overrides };
}
