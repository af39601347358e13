import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  dateError,
  defaultExpiry,
  expiresAtOf,
  expiryOptions,
  expirySentence,
  latestDate,
  lifetimeOf,
  policySentence,
  rotationLifetimeNote,
} from '../../../../../../src/renderer/src/features/keys/flow/expiry-choice';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const NO_POLICY = { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false };
const labels = (policy: Parameters<typeof expiryOptions>[0]) => expiryOptions(policy).map((o) => o.label);

describe('the Expires choices', () => {
  it('offers every lifetime, a date and Never when the policy allows it, or when no policy is known', () => {
    const all = ['In 7 days', 'In 30 days', 'In 90 days', 'In 1 year', 'On a date', 'Never'];
    expect(labels(NO_POLICY)).toEqual(all);
    expect(labels(null)).toEqual(all);
  });

  it('hides Never when the policy requires an expiry, and any lifetime beyond its maximum (which implies an expiry)', () => {
    expect(labels({ maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false })).toEqual([
      'In 7 days',
      'In 30 days',
      'In 90 days',
      'In 1 year',
      'On a date',
    ]);
    expect(labels({ maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false })).toEqual(['In 7 days', 'In 30 days', 'On a date']);
    expect(labels({ maxLifetimeDays: 3, requireExpiry: true, requireAllowedAddresses: false })).toEqual(['On a date']);
  });

  it('says the policy in a sentence', () => {
    expect(policySentence({ maxLifetimeDays: 90, requireExpiry: true, requireAllowedAddresses: false })).toBe(
      'Your organization requires keys to expire within 90 days.',
    );
    expect(policySentence({ maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false })).toBe(
      'Your organization requires keys to have an expiry date.',
    );
    expect(policySentence(NO_POLICY)).toBeNull();
    expect(policySentence(null)).toBeNull();
  });
});

describe('the preselected choice', () => {
  it('is 90 days when allowed, else the longest allowed lifetime, else the latest allowed date; never Never', () => {
    expect(defaultExpiry(NO_POLICY, null, NOW).choice).toBe('days-90');
    expect(defaultExpiry(null, null, NOW).choice).toBe('days-90');
    expect(defaultExpiry({ maxLifetimeDays: 60, requireExpiry: true, requireAllowedAddresses: false }, null, NOW).choice).toBe('days-30');
    expect(defaultExpiry({ maxLifetimeDays: 3, requireExpiry: true, requireAllowedAddresses: false }, null, NOW)).toEqual({
      choice: 'date',
      date: latestDate({ maxLifetimeDays: 3, requireExpiry: true, requireAllowedAddresses: false }, NOW),
    });
  });

  it('when rotating, is the old key lifetime if the policy allows it (a preset, or a date that far ahead)', () => {
    expect(defaultExpiry(NO_POLICY, 7, NOW).choice).toBe('days-7');
    expect(defaultExpiry(NO_POLICY, 45, NOW)).toEqual({ choice: 'date', date: dayjs(NOW + 45 * DAY).format('YYYY-MM-DD') });
    expect(defaultExpiry({ maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false }, 365, NOW).choice).toBe('days-30');
  });

  it('reads the old key lifetime from its creation and expiry; a key without one never expired', () => {
    expect(lifetimeOf({ createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-31T00:00:00.000Z' })).toBe(30);
    expect(lifetimeOf({ createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null })).toBe('never');
  });

  it('when rotating a key that never expired, is Never unless the policy forbids it, then the longest lifetime it allows', () => {
    expect(defaultExpiry(NO_POLICY, 'never', NOW).choice).toBe('never');
    expect(defaultExpiry(null, 'never', NOW).choice).toBe('never');
    expect(defaultExpiry({ maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false }, 'never', NOW).choice).toBe('days-30');
    expect(defaultExpiry({ maxLifetimeDays: 45, requireExpiry: true, requireAllowedAddresses: false }, 'never', NOW)).toEqual({
      choice: 'date',
      date: latestDate({ maxLifetimeDays: 45, requireExpiry: true, requireAllowedAddresses: false }, NOW),
    });
    expect(defaultExpiry({ maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false }, 'never', NOW).choice).toBe('days-365');
  });
});

describe('the rotation note', () => {
  it('says the policy and the new expiry when the old lifetime cannot be kept, and nothing when it is kept', () => {
    const policy = { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false };
    const { choice, date } = defaultExpiry(policy, 'never', NOW);
    expect(rotationLifetimeNote(policy, 'never', choice, date, NOW)).toBe(
      `Your organization requires keys to expire within 30 days: the new key expires on ${dayjs(NOW + 30 * DAY).format('LL')}.`,
    );
    expect(rotationLifetimeNote(policy, 365, 'days-30', date, NOW)).toMatch(
      /^Your organization requires keys to expire within 30 days: the new key expires on /,
    );
    expect(rotationLifetimeNote(policy, 7, 'days-7', date, NOW)).toBeNull();
    expect(rotationLifetimeNote(NO_POLICY, 'never', 'never', date, NOW)).toBeNull();
    expect(rotationLifetimeNote(policy, null, 'days-30', date, NOW)).toBeNull();
  });
});

describe('the expiry sent', () => {
  it('is now + the lifetime, the start of the chosen day, or null for Never', () => {
    expect(expiresAtOf('days-7', '', NOW)).toBe(new Date(NOW + 7 * DAY).toISOString());
    expect(expiresAtOf('days-365', '', NOW)).toBe(new Date(NOW + 365 * DAY).toISOString());
    expect(expiresAtOf('date', '2026-12-24', NOW)).toBe(dayjs('2026-12-24').startOf('day').toISOString());
    expect(expiresAtOf('never', '', NOW)).toBeNull();
  });

  it('a date must be a real day after today and within the maximum lifetime', () => {
    const policy = { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false };
    expect(dateError('', policy, NOW)).toBe('Pick a date');
    expect(dateError('2026-02-30', policy, NOW)).toBe('Pick a date');
    expect(dateError(dayjs(NOW).format('YYYY-MM-DD'), policy, NOW)).toBe('Pick a date after today');
    expect(dateError(latestDate(policy, NOW), policy, NOW)).toBeNull();
    expect(dateError(dayjs(NOW + 31 * DAY).format('YYYY-MM-DD'), policy, NOW)).toMatch(/^Pick a date no later than /);
    expect(dateError(dayjs(NOW + 3000 * DAY).format('YYYY-MM-DD'), NO_POLICY, NOW)).toBeNull();
    // Without a policy, no later than main and the server accept: 3,650 days ahead.
    expect(dateError(latestDate(NO_POLICY, NOW), NO_POLICY, NOW)).toBeNull();
    expect(dateError(dayjs(NOW + 3651 * DAY).format('YYYY-MM-DD'), NO_POLICY, NOW)).toMatch(/^Pick a date no later than /);
  });
});

describe('the copy screen sentence', () => {
  it('says the date and how far ahead, or that the key does not expire', () => {
    expect(expirySentence(new Date(NOW + 90 * DAY).toISOString(), NOW)).toMatch(/^This key expires on .+ \(in 90 days\)\.$/);
    expect(expirySentence(new Date(NOW + DAY).toISOString(), NOW)).toMatch(/\(in 1 day\)\.$/);
    expect(expirySentence(null, NOW)).toBe('This key does not expire.');
  });
});
