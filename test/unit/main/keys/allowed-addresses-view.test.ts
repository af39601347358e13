/** How a queued change of allowed addresses shows on its row (keys/allowed-addresses-view.ts via key-view.ts). */
import { describe, expect, it } from 'vitest';
import { findRow } from '../../../../src/main/keys/key-view.js';
import { setAllowedAddressesChange } from '../../../../src/main/outbox/changes/allowed-addresses.js';
import { suspendChange } from '../../../../src/main/outbox/changes/suspension.js';
import { markFailed } from '../../../../src/main/outbox/lifecycle.js';
import { emptyProfileState, type ProfileState } from '../../../../src/main/store/profile-state.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

const NOW = '2026-11-29T10:00:00.000Z';
const inFlight = new Set<string>();
const at = Date.parse(NOW);

describe('allowedAddressesPending', () => {
  it('says the list shown is only queued, also when a queued suspend owns the row', () => {
    const key = apiKeyDto();
    let s: ProfileState = { ...emptyProfileState(), keys: [key] };
    s = suspendChange(s, key.id, 'Leaked?', { now: NOW, inFlight, entryId: 'e1', idempotencyKey: 'i1' }).next;
    s = setAllowedAddressesChange(s, key.id, ['203.0.113.0/24'], { now: NOW, inFlight }).next;
    const row = findRow(s, key.id, inFlight, at)!;
    expect(row.pending?.action).toBe('suspend');
    expect(row.allowedAddresses).toEqual(['203.0.113.0/24']);
    expect(row.allowedAddressesPending).toBe(true);
  });

  it('is false with nothing queued, and once the change was refused (the server list shows)', () => {
    const key = apiKeyDto();
    let s: ProfileState = { ...emptyProfileState(), keys: [key] };
    expect(findRow(s, key.id, inFlight, at)!.allowedAddressesPending).toBe(false);
    const { next, result } = setAllowedAddressesChange(s, key.id, ['203.0.113.0/24'], { now: NOW, inFlight });
    s = markFailed(next, result.entryId!, { code: 'CONFLICT', message: 'Refused.' });
    const row = findRow(s, key.id, inFlight, at)!;
    expect(row.allowedAddresses).toBeNull();
    expect(row.allowedAddressesPending).toBe(false);
  });
});
