import { describe, expect, it } from 'vitest';
import { toApiKeyDto } from '../../../../../src/server/modules/api-keys/api-key-dto.js';
import type { ApiKeyRow } from '../../../../../src/server/modules/api-keys/api-keys-repository.js';

const NOW = '2026-03-01T12:00:00.000Z';
const BEFORE = '2026-03-01T11:00:00.000Z';
const LATER = '2026-03-01T13:00:00.000Z';

const base: ApiKeyRow = {
  id: '01a24fda-55cc-7038-9504-2c0cb77ba486',
  organization_id: 'org-1',
  name: 'Importer',
  capabilities: JSON.stringify(['data-record:read']),
  can_impersonate: 0,
  hint: 'rkr_key_…abcd',
  created_at: '2026-03-01T10:00:00.000Z',
  created_by_id: 'p-1',
  created_by_name: 'Ada',
  last_used_at: null,
  revoked_at: null,
  expires_at: null,
  retire_at: null,
  retire_after_first_use_of: null,
  retire_grace_seconds: null,
  retire_actor: null,
  first_used_at: null,
  suspended_at: null,
  suspended_by_id: null,
  suspended_by_name: null,
  suspension_reason: null,
};
const suspended = { suspended_at: BEFORE, suspended_by_id: 'p-2', suspended_by_name: 'Grace', suspension_reason: 'Seen in a paste' };

describe('toApiKeyDto: status precedence revoked, expired, suspended, active', () => {
  it.each([
    ['nothing set', {}, 'active', null],
    ['suspended', suspended, 'suspended', null],
    ['suspended, expiry still ahead', { ...suspended, expires_at: LATER }, 'suspended', null],
    ['suspended and expired', { ...suspended, expires_at: NOW }, 'expired', null],
    ['suspended and revoked', { ...suspended, revoked_at: BEFORE }, 'revoked', BEFORE],
    ['suspended, retirement due', { ...suspended, retire_at: BEFORE }, 'revoked', BEFORE],
    ['suspended, retirement ahead', { ...suspended, retire_at: LATER }, 'suspended', null],
    ['expired and revoked', { expires_at: BEFORE, revoked_at: NOW }, 'revoked', NOW],
    ['suspended, expired and revoked', { ...suspended, expires_at: BEFORE, revoked_at: NOW }, 'revoked', NOW],
  ] as const)('%s → %s', (_label, overrides, status, revokedAt) => {
    expect(toApiKeyDto({ ...base, ...overrides }, NOW)).toMatchObject({ status, revokedAt });
  });

  it('shows who suspended the key, when and why; null while not suspended; kept on record once the key ended', () => {
    const expected = { at: BEFORE, by: { id: 'p-2', name: 'Grace' }, reason: 'Seen in a paste' };
    expect(toApiKeyDto({ ...base, ...suspended }, NOW).suspension).toEqual(expected);
    expect(toApiKeyDto({ ...base, ...suspended, revoked_at: NOW }, NOW).suspension).toEqual(expected);
    expect(toApiKeyDto({ ...base, ...suspended, suspended_by_id: null, suspended_by_name: null }, NOW).suspension).toEqual({ ...expected, by: null });
    expect(toApiKeyDto(base, NOW).suspension).toBeNull();
  });
});
