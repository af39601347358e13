/**
 * Which keys end soon: the one rule behind the keys page's reminder banner (renderer) and the desktop
 * reminders (main), so both always name the same keys. Pure: a list and "now" in, the keys out.
 *
 * A key ends soon when the earliest of its expiry and its scheduled retirement is ahead and at most
 * REMINDER_WINDOW_MS away. Left out, because there is nothing left to remind about:
 * - keys already ended (revoked, expired, or their time has passed, even if the cached list predates it);
 * - keys with a revocation queued (the admin already ended them; they go as soon as the app reconnects);
 * - suspended keys, and keys with a suspension queued: switched off on purpose, so their end is not news
 *   (the status `suspended` is not `active`; a queued suspend is the admin's decision already);
 * - queued creates the server refused (they never worked).
 * A retirement that waits for the new key's first use has no time yet: it is not "soon" until it has.
 */
import type { ApiKeyStatus, ScheduledRevocation } from './http/api-keys.js';

export const REMINDER_WINDOW_DAYS = 7;
export const REMINDER_WINDOW_MS = REMINDER_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** What the rule reads of a key (a KeyRow has all of it; `pending` is absent on a bare ApiKeyDto). */
export interface ReminderKey {
  id: string;
  name: string;
  status: ApiKeyStatus;
  expiresAt: string | null;
  scheduledRevocation: ScheduledRevocation | null;
  pending?: { action: string; state: string } | null;
}

export interface EndingKey {
  keyId: string;
  keyName: string;
  /** Which of the two ends it first. */
  ends: 'expires' | 'retires';
  /** When, ISO-8601. */
  at: string;
}

export function endingOf(key: ReminderKey, now: number): EndingKey | null {
  if (key.status !== 'active') return null;
  if (key.pending?.action === 'revoke' && key.pending.state !== 'failed') return null;
  if (key.pending?.action === 'suspend' && key.pending.state !== 'failed') return null;
  if (key.pending?.action === 'create' && key.pending.state === 'failed') return null;
  const candidates: { ends: EndingKey['ends']; at: string }[] = [];
  if (key.scheduledRevocation?.at) candidates.push({ ends: 'retires', at: key.scheduledRevocation.at });
  if (key.expiresAt) candidates.push({ ends: 'expires', at: key.expiresAt });
  const first = candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  if (!first) return null;
  const left = Date.parse(first.at) - now;
  if (!(left > 0) || left > REMINDER_WINDOW_MS) return null;
  return { keyId: key.id, keyName: key.name, ends: first.ends, at: first.at };
}

/** Every key that ends soon, soonest first. */
export function endingSoon(keys: readonly ReminderKey[], now: number): EndingKey[] {
  return keys
    .map((key) => endingOf(key, now))
    .filter((ending): ending is EndingKey => ending !== null)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
