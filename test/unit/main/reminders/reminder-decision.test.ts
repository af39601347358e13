import { describe, expect, it } from 'vitest';
import { decideReminders, inWords, localDay, MAX_SINGLE, noticesFor } from '../../../../src/main/reminders/reminder-decision.js';
import type { ReminderKey } from '../../../../src/shared/key-reminders.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// Local noon: a few hours either way stays on the same local day, whatever the time zone.
const NOON = new Date(2026, 10, 27, 12, 0, 0).getTime();
const at = (ms: number) => new Date(NOON + ms).toISOString();

type Key = ReminderKey & { createdAt: string };
let n = 0;
function key(overrides: Partial<Key> = {}): Key {
  n += 1;
  return {
    id: `key-${n}`,
    name: `Key ${n}`,
    status: 'active',
    expiresAt: null,
    scheduledRevocation: null,
    pending: null,
    createdAt: at(-30 * DAY),
    ...overrides,
  };
}

describe('which keys are due a reminder', () => {
  it('keys whose expiry or scheduled retirement is within 7 days, soonest first; not later, not without a time', () => {
    const expiring = key({ expiresAt: at(3 * DAY) });
    const retiring = key({ scheduledRevocation: { at: at(5 * HOUR) } });
    const edge = key({ expiresAt: at(7 * DAY) });
    const later = key({ expiresAt: at(7 * DAY + 1) });
    const never = key();
    const waiting = key({ scheduledRevocation: { afterFirstUseOf: 'key-x', graceSeconds: 3600, at: null } });
    const { due } = decideReminders({ keys: [expiring, retiring, edge, later, never, waiting], now: NOON, notified: {} });
    expect(due).toEqual([
      { keyId: retiring.id, keyName: retiring.name, ends: 'retires', at: at(5 * HOUR) },
      { keyId: expiring.id, keyName: expiring.name, ends: 'expires', at: at(3 * DAY) },
      { keyId: edge.id, keyName: edge.name, ends: 'expires', at: at(7 * DAY) },
    ]);
  });

  it('a key with both times is named once, by the earlier one', () => {
    const both = key({ expiresAt: at(6 * DAY), scheduledRevocation: { afterFirstUseOf: 'key-x', graceSeconds: 0, at: at(2 * DAY) } });
    expect(decideReminders({ keys: [both], now: NOON, notified: {} }).due).toEqual([{ keyId: both.id, keyName: both.name, ends: 'retires', at: at(2 * DAY) }]);
  });

  it('leaves out keys that already ended or are on their way out: revoked, expired, past their time, revoke queued, refused create', () => {
    const keys = [
      key({ status: 'revoked', expiresAt: at(2 * DAY) }),
      key({ status: 'expired', expiresAt: at(-1 * HOUR) }),
      key({ expiresAt: at(-1 * HOUR) }), // a cached list from before its expiry
      key({ scheduledRevocation: { at: at(-1) }, expiresAt: at(2 * DAY) }),
      key({ expiresAt: at(2 * DAY), pending: { action: 'revoke', state: 'queued' } }),
      key({ expiresAt: at(2 * DAY), pending: { action: 'create', state: 'failed' } }),
    ];
    expect(decideReminders({ keys, now: NOON, notified: {} }).due).toEqual([]);
    // A revoke the server refused leaves the key working: it is reminded about.
    const stillWorks = key({ expiresAt: at(2 * DAY), pending: { action: 'revoke', state: 'failed' } });
    expect(decideReminders({ keys: [stillWorks], now: NOON, notified: {} }).due.map((d) => d.keyId)).toEqual([stillWorks.id]);
  });

  it('once per key per local day: not again the same day, again the next day while it still ends soon', () => {
    const expiring = key({ expiresAt: at(3 * DAY) });
    const first = decideReminders({ keys: [expiring], now: NOON, notified: {} });
    expect(first.due).toHaveLength(1);
    expect(first.notified).toEqual({ [expiring.id]: localDay(NOON) });

    const laterToday = decideReminders({ keys: [expiring], now: NOON + 5 * HOUR, notified: first.notified });
    expect(laterToday.due).toEqual([]);
    expect(laterToday.notified).toEqual(first.notified);

    const tomorrow = decideReminders({ keys: [expiring], now: NOON + DAY, notified: laterToday.notified });
    expect(tomorrow.due.map((d) => d.keyId)).toEqual([expiring.id]);
    expect(tomorrow.notified).toEqual({ [expiring.id]: localDay(NOON + DAY) });
  });

  it('forgets keys that no longer end soon (revoked, or their time moved), so the memory never outgrows the list', () => {
    const expiring = key({ expiresAt: at(3 * DAY) });
    const { notified } = decideReminders({ keys: [expiring], now: NOON, notified: { 'gone-key': localDay(NOON - DAY) } });
    expect(Object.keys(notified)).toEqual([expiring.id]);
    expect(decideReminders({ keys: [{ ...expiring, status: 'revoked' }], now: NOON, notified }).notified).toEqual({});
  });

  it('a key just made with a short lifetime counts too (the reminder is about the key)', () => {
    const fresh = key({ expiresAt: at(7 * DAY - HOUR), createdAt: at(-HOUR) });
    expect(decideReminders({ keys: [fresh], now: NOON, notified: {} }).due.map((d) => d.keyId)).toEqual([fresh.id]);
  });

  it('a queued create waits until it lands: its local id would be reminded again under its server id', () => {
    const queued = key({ id: 'local-1', expiresAt: at(3 * DAY), pending: { action: 'create', state: 'queued' } });
    expect(decideReminders({ keys: [queued], now: NOON, notified: {} }).due).toEqual([]);
    const landed = { ...queued, id: 'server-1', pending: null };
    expect(decideReminders({ keys: [landed], now: NOON, notified: {} }).due.map((d) => d.keyId)).toEqual(['server-1']);
  });
});

describe('what the notifications say', () => {
  const format = (iso: string) => `[${iso}]`;

  it('one per key, with the time left and the key it opens', () => {
    const notices = noticesFor(
      [
        { keyId: 'a', keyName: 'Billing export', ends: 'retires', at: at(23 * HOUR + 30 * 60_000) },
        { keyId: 'b', keyName: 'Nightly sync', ends: 'expires', at: at(3 * DAY) },
      ],
      NOON,
      format,
    );
    expect(notices).toEqual([
      {
        title: 'API key retires in 23 hours',
        body: `“Billing export” is revoked on [${at(23 * HOUR + 30 * 60_000)}]. Open it to rotate or review it.`,
        keyId: 'a',
      },
      { title: 'API key expires in 3 days', body: `“Nightly sync” stops working on [${at(3 * DAY)}]. Open it to rotate or review it.`, keyId: 'b' },
    ]);
  });

  it(`more than ${MAX_SINGLE} keys at once: one notification that counts them and opens the keys page`, () => {
    const due = Array.from({ length: MAX_SINGLE + 2 }, (_, i) => ({ keyId: `k${i}`, keyName: `Key ${i}`, ends: 'expires' as const, at: at((i + 1) * DAY) }));
    expect(noticesFor(due, NOON, format)).toEqual([
      { title: `${MAX_SINGLE + 2} API keys end within 7 days`, body: '“Key 0”, “Key 1”, “Key 2” and 2 more. Open RakerOne Admin to review them.', keyId: null },
    ]);
  });

  it('time left in words: as the table says it under two days (minutes under an hour), then days', () => {
    expect(inWords(at(30 * 60_000), NOON)).toBe('in 30 minutes');
    expect(inWords(at(90 * 60_000), NOON)).toBe('in 1 hour');
    expect(inWords(at(47 * HOUR), NOON)).toBe('in 47 hours');
    expect(inWords(at(6 * DAY + 5 * HOUR), NOON)).toBe('in 6 days');
  });
});
