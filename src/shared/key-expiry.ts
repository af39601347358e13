/**
 * When a key may end: strictly after now and at most 3,650 days ahead (the key policy's own longest
 * lifetime), the same bound for an expiry and for a scheduled retirement. The dialog, main's IPC
 * inputs and the server ask this one function, so none of them accepts a time another refuses.
 */
import { MAX_LIFETIME_DAYS_MAX } from './http/api-keys.js';
import { instantMs } from './instant.js';

const DAY_MS = 86_400_000;

/** The furthest a key's end may be from now: 3,650 days. */
export const KEY_END_MAX_DAYS = MAX_LIFETIME_DAYS_MAX;

/**
 * Null when `at` (an instant) is a possible end for a key at `nowMs`; else why not, naming `what`
 * ("The expiry date", "at", …) as the message's subject.
 */
export function keyEndIssue(at: string, nowMs: number, what: string): string | null {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return `${what} is not a valid date-time`;
  if (ms <= nowMs) return `${what} must be in the future`;
  if (ms > nowMs + KEY_END_MAX_DAYS * DAY_MS) return `${what} must be at most ${KEY_END_MAX_DAYS.toLocaleString('en-US')} days ahead`;
  return null;
}
