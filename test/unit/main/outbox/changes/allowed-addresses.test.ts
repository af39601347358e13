/** keys:set-allowed-addresses as a pure change of the stored state, and how the row shows it. */
import { describe, expect, it } from 'vitest';
import { findRow } from '../../../../../src/main/keys/key-view.js';
import { setAllowedAddressesChange } from '../../../../../src/main/outbox/changes/allowed-addresses.js';
import type { CreateEntry, OutboxEntry, SetAllowedAddressesEntry } from '../../../../../src/main/outbox/schema.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';

const NOW = '2026-11-29T10:00:00.000Z';
const context = { now: NOW, inFlight: new Set<string>() };
const KEY = '00000000-0000-4000-8000-000000000001';

const key = (overrides: Partial<ApiKeyDto> = {}): ApiKeyDto => ({
  id: KEY,
  name: 'Billing',
  capabilities: [],
  canImpersonate: false,
  hint: 'rkr_key_…ABCD',
  createdAt: NOW,
  createdBy: null,
  lastUsedAt: null,
  status: 'active',
  revokedAt: null,
  expiresAt: null,
  scheduledRevocation: null,
  suspension: null,
  allowedAddresses: null,
  ...overrides,
});

const state = (keys: ApiKeyDto[], outbox: OutboxEntry[] = []): ProfileState => ({ ...emptyProfileState(), keys, outbox });
const changes = (s: ProfileState) => s.outbox.filter((e): e is SetAllowedAddressesEntry => e.kind === 'set-allowed-addresses');
const rowOf = (s: ProfileState, id = KEY) => findRow(s, id, new Set(), Date.parse(NOW));

describe('setAllowedAddressesChange', () => {
  it('queues the list; the row shows it, pending, until the server has it', () => {
    const { next, result } = setAllowedAddressesChange(state([key()]), KEY, ['203.0.113.7/32'], context);
    expect(changes(next)).toMatchObject([{ id: result.entryId, keyId: KEY, keyName: 'Billing', allowedAddresses: ['203.0.113.7/32'], attempts: 0 }]);
    expect(rowOf(next)).toMatchObject({ allowedAddresses: ['203.0.113.7/32'], pending: { action: 'set-allowed-addresses', state: 'queued' } });
  });

  it('a newer list replaces one never sent; one that may have reached the server is kept, in order', () => {
    const first = setAllowedAddressesChange(state([key()]), KEY, ['10.0.0.0/8'], context).next;
    const second = setAllowedAddressesChange(first, KEY, ['192.0.2.0/24'], context).next;
    expect(changes(second).map((e) => e.allowedAddresses)).toEqual([['192.0.2.0/24']]);

    const sent = { ...second, outbox: second.outbox.map((e) => ({ ...e, attempts: 1 })) };
    const third = setAllowedAddressesChange(sent, KEY, null, context).next;
    expect(changes(third).map((e) => e.allowedAddresses)).toEqual([['192.0.2.0/24'], null]);
    expect(rowOf(third)?.allowedAddresses).toBeNull();
  });

  it('asking again for the list the server holds drops what was queued and sends nothing', () => {
    const held = state([key({ allowedAddresses: ['10.0.0.0/8'] })]);
    const queued = setAllowedAddressesChange(held, KEY, null, context).next;
    const { next, result } = setAllowedAddressesChange(queued, KEY, ['10.0.0.0/8'], context);
    expect(result.entryId).toBeNull();
    expect(next.outbox).toEqual([]);
    expect(rowOf(next)).toMatchObject({ allowedAddresses: ['10.0.0.0/8'], pending: null });
  });

  it('refuses a key that does not exist, is revoked, expired or being revoked', () => {
    expect(() => setAllowedAddressesChange(state([]), KEY, null, context)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => setAllowedAddressesChange(state([key({ status: 'revoked', revokedAt: NOW })]), KEY, null, context)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'This key is already revoked.' }),
    );
    expect(() => setAllowedAddressesChange(state([key({ expiresAt: '2026-11-01T00:00:00.000Z' })]), KEY, null, context)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'This key has expired.' }),
    );
    const revoking: OutboxEntry = { kind: 'revoke', id: 'r1', keyId: KEY, keyName: 'Billing', queuedAt: NOW, state: 'queued', error: null, attempts: 0 };
    expect(() => setAllowedAddressesChange(state([key()], [revoking]), KEY, null, context)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'This key is already being revoked.' }),
    );
  });

  describe('a key whose create is still queued', () => {
    const create = (overrides: Partial<CreateEntry> = {}): CreateEntry => ({
      kind: 'create',
      id: 'c1',
      idempotencyKey: 'i1',
      localKeyId: 'local-1',
      queuedAt: NOW,
      state: 'queued',
      error: null,
      attempts: 0,
      body: {
        name: 'Queued',
        capabilities: [],
        canImpersonate: false,
        secretHash: 'a'.repeat(64),
        hint: 'rkr_key_…ABCD',
        expiresAt: null,
        allowedAddresses: ['10.0.0.0/8'],
      },
      rotatesKeyId: null,
      createdBy: null,
      ...overrides,
    });

    it('its pending row shows the list it was created with; a change is queued behind the create', () => {
      const s = state([], [create()]);
      expect(rowOf(s, 'local-1')).toMatchObject({ allowedAddresses: ['10.0.0.0/8'], pending: { action: 'create' } });
      const { next } = setAllowedAddressesChange(s, 'local-1', ['192.0.2.1/32'], context);
      expect(next.outbox.map((e) => e.kind)).toEqual(['create', 'set-allowed-addresses']);
      // The create's own pending state says more about the key than the change behind it.
      expect(rowOf(next, 'local-1')).toMatchObject({ allowedAddresses: ['192.0.2.1/32'], pending: { action: 'create' } });
    });

    it('a create refused for good means the key never existed; one failing with an unknown outcome is queued again first', () => {
      const refused = create({ state: 'failed', error: { code: 'VALIDATION', message: 'no' } });
      expect(() => setAllowedAddressesChange(state([], [refused]), 'local-1', null, context)).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: 'This key was never created.' }),
      );
      const unknown = create({ state: 'failed', attempts: 5, serverErrors: 5, error: { code: 'INTERNAL', message: '500' } });
      const { next } = setAllowedAddressesChange(state([], [unknown]), 'local-1', null, context);
      expect(next.outbox.map((e) => [e.kind, e.state])).toEqual([
        ['create', 'queued'],
        ['set-allowed-addresses', 'queued'],
      ]);
    });
  });
});

describe('a failed change on its row', () => {
  it("keeps the server's list and says the change failed", () => {
    const failed: SetAllowedAddressesEntry = {
      kind: 'set-allowed-addresses',
      id: 'e1',
      idempotencyKey: 'i1',
      keyId: KEY,
      keyName: 'Billing',
      allowedAddresses: ['192.0.2.0/24'],
      queuedAt: NOW,
      state: 'failed',
      error: { code: 'CONFLICT', message: 'This API key is no longer active' },
      attempts: 1,
    };
    expect(rowOf(state([key({ allowedAddresses: ['10.0.0.0/8'] })], [failed]))).toMatchObject({
      allowedAddresses: ['10.0.0.0/8'],
      pending: { action: 'set-allowed-addresses', state: 'failed', error: { code: 'CONFLICT' } },
    });
  });
});
