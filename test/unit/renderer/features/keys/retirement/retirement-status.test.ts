import { describe, expect, it } from 'vitest';
import { canCancelRetirement, canRevoke, endOfLife, rowStatus, statusExplanation } from '../../../../../../src/renderer/src/features/keys/table/key-status';
import { defaultTime, graceWords, planOf, timeError } from '../../../../../../src/renderer/src/features/keys/retirement/retirement-choice';
import type { PendingAction } from '../../../../../../src/shared/ipc/contract';
import { makeKey } from '../../../../../helpers/fake-bridge';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function pending(action: PendingAction['action'], overrides: Partial<PendingAction> = {}): PendingAction {
  return { outboxId: 'o1', action, state: 'queued', error: null, queuedAt: iso(NOW), mayBeApplied: false, ...overrides };
}

describe('a queued or failed retirement on its row', () => {
  it('a queued schedule is "Retirement pending": the key works and says when it will retire', () => {
    const key = makeKey({ scheduledRevocation: { at: iso(NOW + 23 * HOUR) }, pending: pending('schedule-retirement') });
    expect(rowStatus(key, NOW)).toBe('retirement-pending');
    expect(endOfLife(key, NOW)?.text).toBe('Retires in 23 hours');
    expect(statusExplanation(key)).toMatch(/^Retirement pending: .*Until then the key does not retire\.$/);
    expect(canRevoke(key, NOW)).toBe(true);
  });

  it('a queued plan whose time passed offline is not called revoked: the server never had it', () => {
    const key = makeKey({ scheduledRevocation: { at: iso(NOW - HOUR) }, pending: pending('schedule-retirement') });
    expect(rowStatus(key, NOW)).toBe('retirement-pending');
    // The server's own plan whose time passed is a revocation.
    expect(rowStatus(makeKey({ scheduledRevocation: { at: iso(NOW - HOUR) } }), NOW)).toBe('revoked');
  });

  it('a schedule that may have reached the server says so', () => {
    const key = makeKey({ scheduledRevocation: { at: iso(NOW + HOUR) }, pending: pending('schedule-retirement', { mayBeApplied: true }) });
    expect(statusExplanation(key)).toMatch(/RakerOne may already have this key's retirement/);
  });

  it('a queued cancel keeps the plan and says the key still retires as planned; failures give the reason', () => {
    // statusExplanation judges as of the real now: the plan is ahead of it.
    const cancelling = makeKey({ scheduledRevocation: { at: iso(Date.now() + HOUR) }, pending: pending('cancel-retirement') });
    expect(rowStatus(cancelling)).toBe('cancellation-pending');
    expect(statusExplanation(cancelling)).toBe('Cancellation pending: until RakerOne Admin reconnects, this key still retires as planned.');
    const refused = makeKey({
      pending: pending('schedule-retirement', { state: 'failed', error: { code: 'CONFLICT', message: 'This key is already revoked' } }),
    });
    expect(rowStatus(refused, NOW)).toBe('retirement-failed');
    expect(statusExplanation(refused)).toBe("The server refused to schedule this key's retirement. It keeps working. Reason: This key is already revoked");
    expect(rowStatus(makeKey({ pending: pending('cancel-retirement', { state: 'failed' }) }), NOW)).toBe('cancellation-failed');
  });

  it('a queued revoke outranks nothing here: it is its own pending action, and a revoked key has nothing to cancel', () => {
    expect(rowStatus(makeKey({ pending: pending('revoke') }), NOW)).toBe('revocation-pending');
    expect(canCancelRetirement(makeKey({ status: 'revoked', revokedAt: iso(NOW), scheduledRevocation: { at: iso(NOW - 1) } }), NOW)).toBe(false);
  });

  it('offers "Cancel retirement" while a plan exists or is queued, not while its cancellation is on its way', () => {
    expect(canCancelRetirement(makeKey({ scheduledRevocation: { afterFirstUseOf: 'k2', graceSeconds: 0, at: null } }), NOW)).toBe(true);
    expect(canCancelRetirement(makeKey({ scheduledRevocation: { at: iso(NOW + HOUR) }, pending: pending('schedule-retirement') }), NOW)).toBe(true);
    expect(canCancelRetirement(makeKey({ scheduledRevocation: { at: iso(NOW + HOUR) }, pending: pending('cancel-retirement') }), NOW)).toBe(false);
    expect(canCancelRetirement(makeKey(), NOW)).toBe(false);
    expect(canCancelRetirement(makeKey({ scheduledRevocation: { at: iso(NOW + HOUR) }, pending: pending('revoke') }), NOW)).toBe(false);
  });
});

describe("the rotation's retirement choice", () => {
  it('first use: the new key and the grace; at a time: that instant; now and myself: no plan', () => {
    expect(planOf('first-use', { newKeyId: 'new', graceSeconds: 3600, time: '' })).toEqual({ afterFirstUseOf: 'new', graceSeconds: 3600 });
    const time = defaultTime(NOW);
    expect(Date.parse((planOf('at', { newKeyId: 'new', graceSeconds: 0, time }) as { at: string }).at)).toBe(NOW + 24 * HOUR);
    expect(planOf('now', { newKeyId: 'new', graceSeconds: 0, time })).toBeNull();
    expect(planOf('myself', { newKeyId: 'new', graceSeconds: 0, time })).toBeNull();
  });

  it('the time must be a real, future moment', () => {
    expect(timeError(defaultTime(NOW), NOW)).toBeNull();
    expect(timeError(defaultTime(NOW - 2 * 24 * HOUR), NOW)).toBe('Pick a time in the future');
    expect(timeError('', NOW)).toBe('Pick a date and time');
    expect(timeError('2026-13-40T99:00', NOW)).toBe('Pick a date and time');
  });

  it('says the grace in words', () => {
    expect(graceWords(0)).toBe('as soon as');
    expect(graceWords(3600)).toBe('1 hour after');
    expect(graceWords(604_800)).toBe('7 days after');
  });
});

describe('a retirement waiting for a first use, beside an expiry', () => {
  it('outranks an expiry months away, not one within 7 days', () => {
    const plan = { afterFirstUseOf: 'k2', graceSeconds: 0, at: null };
    expect(endOfLife(makeKey({ expiresAt: iso(NOW + 90 * 24 * HOUR), scheduledRevocation: plan }), NOW)?.text).toBe("Retires after the new key's first use");
    expect(endOfLife(makeKey({ expiresAt: iso(NOW + 5 * 24 * HOUR), scheduledRevocation: plan }), NOW)).toEqual({ text: 'Expires in 5 days', soon: true });
  });
});
