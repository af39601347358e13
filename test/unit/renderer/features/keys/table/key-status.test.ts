import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filterKeys, sortKeys } from '../../../../../../src/renderer/src/features/keys/filters/filter-keys';
import { canRevoke, canRotate, endOfLife, retirementText, rowStatus, STATUS_TEXT } from '../../../../../../src/renderer/src/features/keys/table/key-status';
import { makeKey } from '../../../../../helpers/fake-bridge';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

describe('keys that end on time', () => {
  it('a key whose expiry has passed is Expired — also when the list still says active (a cached list)', () => {
    expect(rowStatus(makeKey({ status: 'expired', expiresAt: iso(NOW - DAY) }), NOW)).toBe('expired');
    expect(rowStatus(makeKey({ status: 'active', expiresAt: iso(NOW - 1) }), NOW)).toBe('expired');
    expect(rowStatus(makeKey({ status: 'active', expiresAt: iso(NOW + DAY) }), NOW)).toBe('active');
    expect(STATUS_TEXT.expired.label).toBe('Expired');
  });

  it('a scheduled retirement whose time came is Revoked; one still waiting for a first use is not', () => {
    expect(rowStatus(makeKey({ scheduledRevocation: { at: iso(NOW - 1) } }), NOW)).toBe('revoked');
    expect(rowStatus(makeKey({ scheduledRevocation: { afterFirstUseOf: 'k2', graceSeconds: 3600, at: null } }), NOW)).toBe('active');
  });

  it('an expired key can be neither revoked nor rotated (it no longer works)', () => {
    const expired = makeKey({ status: 'expired', expiresAt: iso(NOW - DAY) });
    expect(canRevoke(expired)).toBe(false);
    expect(canRotate(expired)).toBe(false);
  });

  it('says when a working key ends: the earliest of expiry and retirement, a warning within 7 days', () => {
    expect(endOfLife(makeKey({ expiresAt: iso(NOW + 5 * DAY) }), NOW)).toEqual({ text: 'Expires in 5 days', soon: true });
    expect(endOfLife(makeKey({ expiresAt: iso(NOW + 90 * DAY) }), NOW)).toEqual({ text: 'Expires in 3 months', soon: false });
    expect(endOfLife(makeKey({ expiresAt: iso(NOW + 90 * DAY), scheduledRevocation: { at: iso(NOW + 23 * HOUR) } }), NOW)).toEqual({
      text: 'Retires in 23 hours',
      soon: true,
    });
    expect(endOfLife(makeKey({ scheduledRevocation: { afterFirstUseOf: 'k2', graceSeconds: 0, at: null } }), NOW)).toEqual({
      text: "Retires after the new key's first use",
      soon: false,
    });
    expect(endOfLife(makeKey({}), NOW)).toBeNull();
    expect(endOfLife(makeKey({ status: 'expired', expiresAt: iso(NOW - DAY) }), NOW)).toBeNull();
  });

  it('describes a retirement for the details drawer', () => {
    expect(retirementText({ afterFirstUseOf: 'k2', graceSeconds: 86_400, at: null })).toBe("After the new key's first use, plus 1 day");
    expect(retirementText({ afterFirstUseOf: 'k2', graceSeconds: 3_600, at: null })).toBe("After the new key's first use, plus 1 hour");
    expect(retirementText({ afterFirstUseOf: 'k2', graceSeconds: 0, at: null })).toBe("At the new key's first use");
  });

  it('the Status filter has Expired; "Not revoked" keeps expired keys in view', () => {
    const keys = [
      makeKey({ name: 'Live' }),
      makeKey({ name: 'Lapsed', status: 'expired', expiresAt: iso(NOW - DAY) }),
      makeKey({ name: 'Gone', status: 'revoked', revokedAt: iso(NOW - DAY) }),
    ];
    const names = (status: typeof DEFAULT_FILTERS.status) =>
      filterKeys(sortKeys(keys, { column: 'name', direction: 'ascending' }), { ...DEFAULT_FILTERS, status }, NOW).map((k) => k.name);
    expect(names('expired')).toEqual(['Lapsed']);
    expect(names('active')).toEqual(['Lapsed', 'Live']);
    expect(names('revoked')).toEqual(['Gone']);
  });

  it('filters by the status as of now, not as of when the list was sorted (a key that expired since)', () => {
    const sorted = sortKeys([makeKey({ name: 'Lapsing', status: 'active', expiresAt: iso(NOW + 1_000) })], { column: 'name', direction: 'ascending' });
    expect(filterKeys(sorted, { ...DEFAULT_FILTERS, status: 'expired' }, NOW).map((k) => k.name)).toEqual([]);
    expect(filterKeys(sorted, { ...DEFAULT_FILTERS, status: 'expired' }, NOW + 2_000).map((k) => k.name)).toEqual(['Lapsing']);
  });
});

describe('status labels: the table and the export say the same', () => {
  it('STATUS_TEXT labels and explanations are the shared wording', async () => {
    const { STATUS_TEXT } = await import('../../../../../../src/renderer/src/features/keys/table/key-status');
    const { ROW_STATUS_EXPLANATION, ROW_STATUS_LABEL } = await import('../../../../../../src/shared/wording/key-status');
    expect(Object.fromEntries(Object.entries(STATUS_TEXT).map(([status, text]) => [status, text.label]))).toEqual(ROW_STATUS_LABEL);
    expect(Object.fromEntries(Object.entries(STATUS_TEXT).map(([status, text]) => [status, text.explanation]))).toEqual(ROW_STATUS_EXPLANATION);
  });

  it('once a queued action may have been applied, the explanation errs on the safe side', async () => {
    const { statusExplanation } = await import('../../../../../../src/renderer/src/features/keys/table/key-status');
    const pending = { outboxId: 'o-1', state: 'queued' as const, error: null, queuedAt: iso(NOW), mayBeApplied: true };
    expect(statusExplanation(makeKey({ pending: { ...pending, action: 'revoke' } }))).toBe(
      'Revocation pending: RakerOne may already have revoked this key, but count on it staying as it is now until RakerOne Admin reconnects.',
    );
    expect(statusExplanation(makeKey({ pending: { ...pending, action: 'revoke', mayBeApplied: false } }))).toBe(STATUS_TEXT['revocation-pending'].explanation);
  });
});
