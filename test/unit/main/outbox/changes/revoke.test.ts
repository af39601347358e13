/** keys:revoke as a pure change of the stored state (outbox/changes/revoke.ts): asked again after a refusal. */
import { describe, expect, it } from 'vitest';
import { revokeChange } from '../../../../../src/main/outbox/changes/revoke.js';
import { setAllowedAddressesChange } from '../../../../../src/main/outbox/changes/allowed-addresses.js';
import { suspendChange } from '../../../../../src/main/outbox/changes/suspension.js';
import type { RevokeEntry } from '../../../../../src/main/outbox/schema.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import { apiKeyDto } from '../../../../helpers/api-key-dto';

const NOW = '2026-11-29T10:00:00.000Z';
const inFlight = new Set<string>();

describe('revoking again after a refusal', () => {
  it('queues the revoke again at the end, behind the suspend and the change of allowed addresses queued since', () => {
    const key = apiKeyDto({ name: 'Billing' });
    const refused: RevokeEntry = {
      kind: 'revoke',
      id: 'revoke-1',
      keyId: key.id,
      keyName: 'Billing',
      queuedAt: NOW,
      state: 'failed',
      error: { code: 'FORBIDDEN', message: 'Admins only' },
      attempts: 1,
    };
    let s: ProfileState = { ...emptyProfileState(), keys: [key], outbox: [refused] };
    s = suspendChange(s, key.id, 'Leaked?', { now: NOW, inFlight, entryId: 'suspend-1', idempotencyKey: 'i1' }).next;
    s = setAllowedAddressesChange(s, key.id, ['10.0.0.0/8'], { now: NOW, inFlight }).next;
    const { next, result } = revokeChange(s, key.id, { now: NOW, inFlight });
    expect(result).toEqual({ kind: 'queued', entryId: 'revoke-1' });
    expect(next.outbox.map((e) => `${e.kind}:${e.state}`)).toEqual(['suspend:queued', 'set-allowed-addresses:queued', 'revoke:queued']);
    expect(next.outbox.at(-1)).toMatchObject({ id: 'revoke-1', error: null, serverErrors: 0 });
  });
});
