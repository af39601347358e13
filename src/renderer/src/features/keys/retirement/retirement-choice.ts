/**
 * The rotation's "How should the old key retire?" choice as pure functions: the choices, the grace
 * periods, the "at a time" input's bounds and checks, and the plan sent to main
 * (keys:schedule-retirement) — or none, for "Now" (a revoke) and "I'll revoke it myself".
 */
import dayjs from 'dayjs';
import type { RetirementPlanInput } from '@shared/ipc/contract';
// time.ts also loads the dayjs plugins used here (localizedFormat).
import { DAY_MS } from '../../../lib/time';

export type RetirementChoice = 'first-use' | 'at' | 'now' | 'myself';

export const RETIREMENT_CHOICES: readonly { value: RetirementChoice; label: string }[] = [
  { value: 'first-use', label: 'When the new key is first used' },
  { value: 'at', label: 'At a time' },
  { value: 'now', label: 'Now' },
  { value: 'myself', label: "I'll revoke it myself" },
];

const HOUR_S = 3_600;

export const GRACE_OPTIONS: readonly { value: string; label: string; seconds: number }[] = [
  { value: '0', label: 'None', seconds: 0 },
  { value: String(HOUR_S), label: '1 hour', seconds: HOUR_S },
  { value: String(24 * HOUR_S), label: '24 hours', seconds: 24 * HOUR_S },
  { value: String(7 * 24 * HOUR_S), label: '7 days', seconds: 7 * 24 * HOUR_S },
];

/**
 * Preselected: retire on the new key's first use, an hour later — proof the switch-over happened,
 * with time for the systems still on the old key (several instances of one service) to follow.
 */
export const DEFAULT_CHOICE: RetirementChoice = 'first-use';
export const DEFAULT_GRACE_SECONDS = HOUR_S;

/** What `<input type="datetime-local">` reads and writes (local time, to the minute). */
const LOCAL_FORMAT = 'YYYY-MM-DDTHH:mm';

/** The "at a time" input's earliest value: the next minute. */
export function earliestTime(now: number): string {
  return dayjs(now).add(1, 'minute').format(LOCAL_FORMAT);
}

/** Its starting value: this time tomorrow. */
export function defaultTime(now: number): string {
  return dayjs(now + DAY_MS).format(LOCAL_FORMAT);
}

/** Why the time cannot be used, or null. */
export function timeError(value: string, now: number = Date.now()): string | null {
  const parsed = dayjs(value);
  // A well-formed value that is no real moment (month 13, 25 o'clock) does not survive the round trip.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) || !parsed.isValid() || parsed.format(LOCAL_FORMAT) !== value) return 'Pick a date and time';
  if (parsed.valueOf() <= now) return 'Pick a time in the future';
  return null;
}

/** The plan to schedule, or null when the choice schedules nothing. `time` is the input's local value. */
export function planOf(choice: RetirementChoice, input: { newKeyId: string; graceSeconds: number; time: string }): RetirementPlanInput | null {
  if (choice === 'first-use') return { afterFirstUseOf: input.newKeyId, graceSeconds: input.graceSeconds };
  if (choice === 'at') return { at: dayjs(input.time).toISOString() };
  return null;
}

/** "1 hour after", "7 days after", or "as soon as" — for the sentences of the step. */
export function graceWords(seconds: number): string {
  const option = GRACE_OPTIONS.find((o) => o.seconds === seconds);
  if (seconds === 0) return 'as soon as';
  return `${option ? option.label : `${seconds} seconds`} after`;
}

/** "Wednesday, 2 December 2026 09:30" style: the moment the old key stops working. */
export function timeWords(value: string): string {
  return dayjs(value).format('LLLL');
}
