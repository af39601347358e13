/** keys:schedule-retirement / keys:cancel-retirement as pure changes of the stored state. */
import { describe, expect, it } from 'vitest';
import { cancelRetirementChange, scheduleRetirementChange } from '../../../../../src/main/outbox/changes/retirement.js';
import type { OutboxEntry, ScheduleRetirementEntry } from '../../../../../src/main/outbox/schema.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';
import { apiKeyDto } from '../../../../helpers/api-key-dto';

const NOW = '2026-11-29T10:00:00.000Z';
const context = { now: NOW, inFlight: new Set<string>() };
const OLD = '00000000-0000-4000-8000-000000000001';
const NEW = '00000000-0000-4000-8000-000000000002';

const key = (id: string, overrides: Partial<ApiKeyDto> = {}): ApiKeyDto => apiKeyDto({ id, name: id === OLD ? 'Old' : 'New', createdAt: NOW, ...overrides });

const state = (keys: ApiKeyDto[], outbox: OutboxEntry[] = []): ProfileState => ({ ...emptyProfileState(), keys, outbox });
const AT = { at: '2027-01-01T00:00:00.000Z' };

describe('scheduleRetirementChange', () => {
  it('queues one entry with its own Idempotency-Key, behind everything already queued', () => {
    const { next, result } = scheduleRetirementChange(state([key(OLD), key(NEW)]), OLD, { afterFirstUseOf: NEW, graceSeconds: 0 }, context);
    const entry = next.outbox[0] as ScheduleRetirementEntry;
    expect(result).toEqual({ kind: 'queued', entryId: entry.id });
    expect(entry).toMatchObject({
      kind: 'schedule-retirement',
      keyId: OLD,
      keyName: 'Old',
      plan: { afterFirstUseOf: NEW, graceSeconds: 0 },
      attempts: 0,
      state: 'queued',
    });
    expect(entry.idempotencyKey).not.toBe(entry.id);
  });

  it('refuses a revoked key, a key being revoked, a replacement that is itself, revoked or unknown', () => {
    const revoked = key(OLD, { status: 'revoked', revokedAt: NOW });
    expect(() => scheduleRetirementChange(state([revoked]), OLD, AT, context)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const revoking: OutboxEntry = { kind: 'revoke', id: 'r1', keyId: OLD, keyName: 'Old', queuedAt: NOW, state: 'queued', error: null, attempts: 0 };
    expect(() => scheduleRetirementChange(state([key(OLD)], [revoking]), OLD, AT, context)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => scheduleRetirementChange(state([key(OLD)]), OLD, { afterFirstUseOf: OLD, graceSeconds: 0 }, context)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() =>
      scheduleRetirementChange(state([key(OLD), key(NEW, { status: 'revoked', revokedAt: NOW })]), OLD, { afterFirstUseOf: NEW, graceSeconds: 0 }, context),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT', message: 'The new key is already revoked.' }));
    expect(() => scheduleRetirementChange(state([key(OLD)]), OLD, { afterFirstUseOf: NEW, graceSeconds: 0 }, context)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('cancelRetirementChange', () => {
  const queuedSchedule = (attempts: number): ScheduleRetirementEntry => ({
    kind: 'schedule-retirement',
    id: 's1',
    idempotencyKey: 'i1',
    keyId: OLD,
    keyName: 'Old',
    plan: AT,
    queuedAt: NOW,
    state: 'queued',
    error: null,
    attempts,
  });

  it('a schedule never sent is dropped: nothing reaches the server', () => {
    const { next, result } = cancelRetirementChange(state([key(OLD)], [queuedSchedule(0)]), OLD, context);
    expect(result).toEqual({ kind: 'none' });
    expect(next.outbox).toEqual([]);
  });

  it('a schedule that may have reached the server (sent, or on the wire) stays, and a cancel is queued behind it', () => {
    for (const [attempts, inFlight] of [
      [1, new Set<string>()],
      [0, new Set(['s1'])],
    ] as const) {
      const { next, result } = cancelRetirementChange(state([key(OLD)], [queuedSchedule(attempts)]), OLD, { now: NOW, inFlight });
      expect(next.outbox.map((e) => e.kind)).toEqual(['schedule-retirement', 'cancel-retirement']);
      expect(result).toEqual({ kind: 'queued', entryId: next.outbox[1]!.id });
    }
  });

  it('a plan the server has: one cancel, and asking again awaits the same one', () => {
    const planned = key(OLD, { scheduledRevocation: AT });
    const first = cancelRetirementChange(state([planned]), OLD, context);
    const again = cancelRetirementChange(first.next, OLD, context);
    expect(again.next.outbox).toHaveLength(1);
    expect(again.result).toEqual(first.result);
  });

  it('nothing planned: nothing to do; a revoked key cannot be cancelled', () => {
    expect(cancelRetirementChange(state([key(OLD)]), OLD, context)).toEqual({ next: state([key(OLD)]), result: { kind: 'none' } });
    expect(() => cancelRetirementChange(state([key(OLD, { status: 'revoked', revokedAt: NOW, scheduledRevocation: AT })]), OLD, context)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});

describe('revoking a replacement that was never sent', () => {
  it('drops the retirement waiting for its first use along with its create (it could never fire)', async () => {
    const { revokeChange } = await import('../../../../../src/main/outbox/changes/revoke.js');
    const create: OutboxEntry = {
      kind: 'create',
      id: 'c1',
      idempotencyKey: 'i-c1',
      localKeyId: 'local-new',
      queuedAt: NOW,
      state: 'queued',
      error: null,
      attempts: 0,
      body: {
        name: 'New',
        capabilities: [],
        canImpersonate: false,
        secretHash: 'a'.repeat(64),
        hint: 'rkr_key_…ABCD',
        expiresAt: null,
        allowedAddresses: null,
      },
      rotatesKeyId: OLD,
      createdBy: null,
    };
    const waiting = scheduleRetirementChange(state([key(OLD)], [create]), OLD, { afterFirstUseOf: 'local-new', graceSeconds: 0 }, context).next;
    const { next, result } = revokeChange(waiting, 'local-new', context);
    expect(result.kind).toBe('cancelled');
    expect(next.outbox).toEqual([]);
  });
});
