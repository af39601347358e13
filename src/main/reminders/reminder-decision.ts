/**
 * The reminders' decision, pure: which keys to notify about now, and what to remember, from the keys,
 * "now" and what was already notified. The rule of what ends soon is shared with the keys page's
 * banner (shared/key-reminders.ts); this adds only the "once per key per day" part and the words.
 *
 * - Once per key per local calendar day: a key notified today is not notified again today, whatever
 *   the number of checks or restarts; tomorrow, if it still ends soon, it is.
 * - Every key ending soon counts, also one just made with a short lifetime (once the server has it: a
 *   queued create's id changes when it lands): the reminder is about the key, not who made it or when.
 * - More than MAX_SINGLE notifications at once become one that counts them (its click opens the keys
 *   page, whose banner lists them), so a busy week is one notification, not twenty.
 * - What is remembered is only the keys still ending soon: the memory never grows past the key list.
 */
import { endingSoon, REMINDER_WINDOW_DAYS, type EndingKey, type ReminderKey } from '../../shared/key-reminders.js';
import { hoursLeft } from '../../shared/wording/time-left.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_SINGLE = 3;

/** Key id → the local day (YYYY-MM-DD) it was last notified. */
export type NotifiedDays = Readonly<Record<string, string>>;

export interface ReminderNotice {
  title: string;
  body: string;
  /** The key its click opens; null: the keys page (a notice about several keys). */
  keyId: string | null;
}

/** The local calendar day of an instant, YYYY-MM-DD. */
export function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function decideReminders(input: { keys: readonly ReminderKey[]; now: number; notified: NotifiedDays }): {
  due: EndingKey[];
  notified: Record<string, string>;
} {
  const { keys, now, notified } = input;
  const today = localDay(now);
  // A queued create is not on the server yet and has a local id until it lands (then its server id):
  // reminding about it now would remind twice the same day. The banner still lists it; the desktop
  // notification comes once it lands.
  const ending = endingSoon(
    keys.filter((key) => key.pending?.action !== 'create'),
    now,
  );
  const due = ending.filter((item) => notified[item.keyId] !== today);
  const next: Record<string, string> = {};
  for (const item of ending) {
    const day = due.includes(item) ? today : notified[item.keyId];
    if (day) next[item.keyId] = day;
  }
  return { due, notified: next };
}

/** "in 23 hours" / "in 3 days": the hours near the end in the table's words (shared/wording/time-left.ts), then whole days. */
export function inWords(at: string, now: number): string {
  return hoursLeft(at, now) ?? `in ${Math.floor((Date.parse(at) - now) / DAY_MS)} days`;
}

export function noticesFor(due: readonly EndingKey[], now: number, formatDate: (iso: string) => string): ReminderNotice[] {
  if (due.length > MAX_SINGLE) {
    const names = due.slice(0, MAX_SINGLE).map((item) => `“${item.keyName}”`);
    return [
      {
        title: `${due.length} API keys end within ${REMINDER_WINDOW_DAYS} days`,
        body: `${names.join(', ')} and ${due.length - MAX_SINGLE} more. Open RakerOne Admin to review them.`,
        keyId: null,
      },
    ];
  }
  return due.map((item) => {
    const verb = item.ends === 'expires' ? 'expires' : 'retires';
    return {
      title: `API key ${verb} ${inWords(item.at, now)}`,
      body: `“${item.keyName}” ${verb === 'expires' ? 'stops working' : 'is revoked'} on ${formatDate(item.at)}. Open it to rotate or review it.`,
      keyId: item.keyId,
    };
  });
}
