/** How a queued bulk revoke follows the creates whose local ids it names (outbox/kinds/bulk-revoke.ts, through outbox/fate.ts). */
import { describe, expect, it } from 'vitest';
import { keyMayNotExist as failRevokesOf, keyNeverExists as dropRevokesOf } from '../../../../../src/main/outbox/fate.js';
import { applyBulkRevoked } from '../../../../../src/main/outbox/kinds/bulk-revoke.js';
import type { BulkRevokeEntry, CreateEntry } from '../../../../../src/main/outbox/schema.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';
import { applyCreated } from '../../../../helpers/outbox-landing.js';
import { apiKeyDto } from '../../../../helpers/api-key-dto';

const AT = '2026-11-29T10:00:00.000Z';
const LOCAL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const SERVER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const OTHER = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const create: CreateEntry = {
  kind: 'create',
  id: 'create-1',
  idempotencyKey: 'idem-create',
  localKeyId: LOCAL,
  queuedAt: AT,
  state: 'queued',
  error: null,
  attempts: 1,
  body: { name: 'New', capabilities: [], canImpersonate: false, secretHash: 'a'.repeat(64), hint: 'rkr_key_…ABCD', expiresAt: null, allowedAddresses: null },
  rotatesKeyId: null,
  createdBy: null,
};
const bulk = (overrides: Partial<BulkRevokeEntry> = {}): BulkRevokeEntry => ({
  kind: 'bulk-revoke',
  id: 'bulk-1',
  idempotencyKey: 'idem-bulk',
  keys: [
    { id: LOCAL, name: 'New', hint: 'rkr_key_…ABCD' },
    { id: OTHER, name: 'Other', hint: 'rkr_key_…CCCC' },
  ],
  queuedAt: AT,
  state: 'queued',
  error: null,
  attempts: 0,
  ...overrides,
});
const state = (b: BulkRevokeEntry): ProfileState => ({ ...emptyProfileState(), outbox: [create, b] });
const key = (id: string, name: string): ApiKeyDto => apiKeyDto({ id, name, createdAt: AT, status: 'revoked', revokedAt: AT });

describe('a queued bulk revoke and the creates it names', () => {
  it('the create lands: its local id in the bulk becomes the server id', () => {
    const next = applyCreated(state(bulk()), create, { ...key(SERVER, 'New'), status: 'active', revokedAt: null });
    expect(next.outbox).toEqual([bulk({ keys: [{ id: SERVER, name: 'New', hint: 'rkr_key_…ABCD' }, bulk().keys[1]!] })]);
  });

  it('a bulk already sent keeps its ids: they are what its Idempotency-Key stands for', () => {
    const sent = bulk({ attempts: 1 });
    expect(applyCreated(state(sent), create, key(SERVER, 'New')).outbox).toEqual([sent]);
  });

  it('the create is refused for good: its id leaves the bulk; a bulk left empty leaves the queue', () => {
    expect(dropRevokesOf(state(bulk()), LOCAL).outbox).toEqual([create, bulk({ keys: [bulk().keys[1]!] })]);
    const onlyLocal = bulk({ keys: [bulk().keys[0]!] });
    expect(dropRevokesOf(state(onlyLocal), LOCAL).outbox).toEqual([create]);
  });

  it('the create kept failing: its id is split out as a failed single revoke that says why', () => {
    const next = failRevokesOf(state(bulk()), LOCAL);
    expect(next.outbox).toEqual([
      create,
      bulk({ keys: [bulk().keys[1]!] }),
      expect.objectContaining({
        kind: 'revoke',
        keyId: LOCAL,
        keyName: 'New',
        state: 'failed',
        error: expect.objectContaining({ message: expect.stringContaining('kept failing to create') }),
      }),
    ]);
  });
});

describe('applyBulkRevoked', () => {
  const entry = bulk({
    keys: [
      { id: SERVER, name: 'New', hint: null },
      { id: OTHER, name: 'Other', hint: null },
    ],
  });
  const base: ProfileState = { ...emptyProfileState(), outbox: [entry], keys: [{ ...key(SERVER, 'New'), status: 'active', revokedAt: null }] };

  it('drops the entry and caches the revoked keys in the same change', () => {
    const next = applyBulkRevoked(base, entry, { revoked: [key(SERVER, 'New')], alreadyRevoked: [], notFound: [OTHER] }, { awaited: true });
    expect(next.outbox).toEqual([]);
    expect(next.keys.map((k) => [k.id, k.status])).toEqual([[SERVER, 'revoked']]);
  });

  it('nobody awaits it: ids RakerOne does not know stay as the entry, failed, until dismissed', () => {
    const next = applyBulkRevoked(base, entry, { revoked: [key(SERVER, 'New')], alreadyRevoked: [], notFound: [OTHER] }, { awaited: false });
    expect(next.outbox).toEqual([
      expect.objectContaining({ id: 'bulk-1', state: 'failed', keys: [entry.keys[1]], error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
  });
});
