/** Retirement entries follow the creates they name: re-pointed when one lands, dropped or failed when it cannot. */
import { describe, expect, it } from 'vitest';
import { keyMayNotExist as failRevokesOf, keyNeverExists as dropRevokesOf } from '../../../../../src/main/outbox/fate.js';
import type { CreateEntry, OutboxEntry, ScheduleRetirementEntry } from '../../../../../src/main/outbox/schema.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';
import { applyCreated } from '../../../../helpers/outbox-landing.js';
import { apiKeyDto } from '../../../../helpers/api-key-dto';

const QUEUED_AT = '2026-11-29T10:00:00.000Z';
const base = { queuedAt: QUEUED_AT, state: 'queued' as const, error: null, attempts: 0 };

const create = (localKeyId: string, rotatesKeyId: string | null = null): CreateEntry => ({
  ...base,
  kind: 'create',
  id: `create-${localKeyId}`,
  idempotencyKey: `idem-${localKeyId}`,
  localKeyId,
  body: { name: 'New', capabilities: [], canImpersonate: false, secretHash: 'a'.repeat(64), hint: 'rkr_key_…ABCD', expiresAt: null, allowedAddresses: null },
  rotatesKeyId,
  createdBy: null,
});

const schedule = (id: string, keyId: string, plan: ScheduleRetirementEntry['plan']): ScheduleRetirementEntry => ({
  ...base,
  kind: 'schedule-retirement',
  id,
  idempotencyKey: `idem-${id}`,
  keyId,
  keyName: 'Old',
  plan,
});

const serverKey = (id: string): ApiKeyDto => apiKeyDto({ id, name: 'New', createdAt: QUEUED_AT });

const withOutbox = (outbox: OutboxEntry[]): ProfileState => ({ ...emptyProfileState(), outbox });

describe('retirement entries and the creates they name', () => {
  it('a create landing re-points the retiring key and the key whose first use it waits for', () => {
    const state = withOutbox([
      create('local-old'),
      create('local-new', 'local-old'),
      schedule('s1', 'local-old', { afterFirstUseOf: 'local-new', graceSeconds: 60 }),
      { ...base, kind: 'cancel-retirement', id: 'c1', keyId: 'local-old', keyName: 'Old' },
    ]);
    const afterOld = applyCreated(state, state.outbox[0] as CreateEntry, serverKey('server-old'));
    const afterNew = applyCreated(afterOld, afterOld.outbox[0] as CreateEntry, serverKey('server-new'));
    expect(afterNew.outbox).toMatchObject([
      { kind: 'schedule-retirement', keyId: 'server-old', plan: { afterFirstUseOf: 'server-new', graceSeconds: 60 } },
      { kind: 'cancel-retirement', keyId: 'server-old' },
    ]);
    // Unchanged: the Idempotency-Key (the request is only ever sent with server ids).
    expect(afterNew.outbox[0]).toMatchObject({ idempotencyKey: 'idem-s1' });
  });

  it('a create refused for good: retirements of the key are dropped; one waiting for its first use fails, saying the old key keeps working', () => {
    const state = withOutbox([
      create('local-new'),
      schedule('s-of', 'local-new', { at: '2027-01-01T00:00:00.000Z' }),
      schedule('s-wait', 'server-old', { afterFirstUseOf: 'local-new', graceSeconds: 0 }),
    ]);
    const next = dropRevokesOf(state, 'local-new');
    expect(next.outbox.map((e) => e.id)).toEqual(['create-local-new', 's-wait']);
    expect(next.outbox[1]).toMatchObject({
      state: 'failed',
      error: { code: 'CONFLICT', message: expect.stringMatching(/never created.*old key keeps working/) },
    });
  });

  it('a create the server kept failing: every retirement naming it is kept as failed, not sent with a local id', () => {
    const state = withOutbox([
      create('local-new'),
      schedule('s-of', 'local-new', { at: '2027-01-01T00:00:00.000Z' }),
      schedule('s-wait', 'server-old', { afterFirstUseOf: 'local-new', graceSeconds: 0 }),
      schedule('s-other', 'server-x', { at: '2027-01-01T00:00:00.000Z' }),
    ]);
    const next = failRevokesOf(state, 'local-new');
    expect(next.outbox.map((e) => [e.id, e.state])).toEqual([
      ['create-local-new', 'queued'],
      ['s-of', 'failed'],
      ['s-wait', 'failed'],
      ['s-other', 'queued'],
    ]);
  });
});
