/** The set-allowed-addresses kind's hooks, and create entries stored before allowed addresses existed. */
import { describe, expect, it } from 'vitest';
import { createBodyOf } from '../../../../../src/main/outbox/kinds/create.js';
import { NOT_SET_CREATE_FAILING, setAllowedAddressesKind } from '../../../../../src/main/outbox/kinds/set-allowed-addresses.js';
import { OutboxEntrySchema, type CreateEntry, type SetAllowedAddressesEntry } from '../../../../../src/main/outbox/schema.js';

const NOW = '2026-11-29T10:00:00.000Z';
const LOCAL = 'local-1';
const SERVER = '00000000-0000-4000-8000-000000000009';

const entry = (overrides: Partial<SetAllowedAddressesEntry> = {}): SetAllowedAddressesEntry => ({
  kind: 'set-allowed-addresses',
  id: 'e1',
  idempotencyKey: 'i1',
  keyId: LOCAL,
  keyName: 'Billing',
  allowedAddresses: ['203.0.113.7/32'],
  queuedAt: NOW,
  state: 'queued',
  error: null,
  attempts: 0,
  ...overrides,
});

describe('set-allowed-addresses hooks', () => {
  it('follows a queued create to the server id, and leaves entries about other keys alone', () => {
    expect(setAllowedAddressesKind.repoint(entry(), LOCAL, SERVER).keyId).toBe(SERVER);
    expect(setAllowedAddressesKind.repoint(entry({ keyId: 'other' }), LOCAL, SERVER).keyId).toBe('other');
  });

  it('is dropped when its key never exists; kept as failed, saying why, when the create kept failing', () => {
    const how = { cancelled: false, inFlight: new Set<string>() };
    expect(setAllowedAddressesKind.whenKeyNeverExists(entry(), LOCAL, how)).toEqual([]);
    expect(setAllowedAddressesKind.whenKeyNeverExists(entry({ keyId: 'other' }), LOCAL, how)).toHaveLength(1);
    expect(setAllowedAddressesKind.whenKeyMayNotExist(entry(), LOCAL)).toEqual({
      kept: [{ ...entry(), state: 'failed', error: NOT_SET_CREATE_FAILING }],
      added: [],
    });
    const failedBefore = entry({ state: 'failed', error: { code: 'CONFLICT', message: 'no' } });
    expect(setAllowedAddressesKind.whenKeyMayNotExist(failedBefore, LOCAL).kept).toEqual([failedBefore]);
  });

  it('revokes nothing, creates nothing, and names its key in the failed list', () => {
    expect(setAllowedAddressesKind.revokes(entry())).toEqual([]);
    expect(setAllowedAddressesKind.createdKeyId(entry())).toBeNull();
    expect(setAllowedAddressesKind.rowAction).toBe('set-allowed-addresses');
    expect(setAllowedAddressesKind.failedKey(entry())).toEqual({ keyId: LOCAL, keyName: 'Billing' });
  });

  it('is read back from the stored outbox with a list or with null (any address)', () => {
    expect(OutboxEntrySchema.parse(entry())).toEqual(entry());
    expect(OutboxEntrySchema.parse(entry({ allowedAddresses: null }))).toEqual(entry({ allowedAddresses: null }));
    expect(OutboxEntrySchema.safeParse({ ...entry(), allowedAddresses: [] }).success).toBe(false);
  });
});

describe('create entries and allowed addresses', () => {
  const stored = {
    kind: 'create',
    id: 'c1',
    idempotencyKey: 'i1',
    localKeyId: LOCAL,
    queuedAt: NOW,
    state: 'queued',
    error: null,
    attempts: 0,
    body: { name: 'Old entry', capabilities: [], canImpersonate: false, secretHash: 'a'.repeat(64), hint: 'rkr_key_…ABCD', expiresAt: null },
    rotatesKeyId: null,
    createdBy: null,
  };

  it('an entry stored before allowed addresses existed reads as "any address", and its body sends no list', () => {
    const read = OutboxEntrySchema.parse(stored) as CreateEntry;
    expect(read.body.allowedAddresses).toBeNull();
    expect(createBodyOf(read)).not.toHaveProperty('allowedAddresses');
  });

  it('a list queued with the create is sent in its body', () => {
    const read = OutboxEntrySchema.parse({ ...stored, body: { ...stored.body, allowedAddresses: ['10.0.0.0/8'] } }) as CreateEntry;
    expect(createBodyOf(read)).toMatchObject({ allowedAddresses: ['10.0.0.0/8'] });
  });
});
