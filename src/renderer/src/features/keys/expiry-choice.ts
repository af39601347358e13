/**
 * The "Expires" choice of the create dialog as pure functions of the key policy and "now": which
 * choices exist, which one is preselected, the date input's bounds, and the `expiresAt` sent to main.
 *
 * - A maximum lifetime implies an expiry (the server refuses a create without one), so Never is
 *   offered only when the policy has neither a maximum nor "require an expiry date" — or when no
 *   policy is known (never read, offline): then the server decides when the create reaches it.
 * - "On a date" means from the start of that day, the person's local time: the date input's latest
 *   day is the one whose start is still within the maximum lifetime.
 */
import dayjs from 'dayjs';
import type { KeyPolicy } from '../../../../shared/http/api-keys';
import { KEY_END_MAX_DAYS } from '../../../../shared/key-expiry';
// time.ts also loads the dayjs plugins used here (relativeTime, localizedFormat).
import { DAY_MS } from '../../lib/time';

export type ExpiryChoice = 'days-7' | 'days-30' | 'days-90' | 'days-365' | 'date' | 'never';

const PRESETS = [
  { choice: 'days-7', days: 7, label: 'In 7 days' },
  { choice: 'days-30', days: 30, label: 'In 30 days' },
  { choice: 'days-90', days: 90, label: 'In 90 days' },
  { choice: 'days-365', days: 365, label: 'In 1 year' },
] as const satisfies readonly { choice: ExpiryChoice; days: number; label: string }[];

const DEFAULT_DAYS = 90;
/** The date input's format (what `<input type="date">` reads and writes). */
const DAY_FORMAT = 'YYYY-MM-DD';

export function neverAllowed(policy: KeyPolicy | null): boolean {
  return policy === null || (!policy.requireExpiry && policy.maxLifetimeDays === null);
}

function presetAllowed(days: number, policy: KeyPolicy | null): boolean {
  return policy?.maxLifetimeDays == null || days <= policy.maxLifetimeDays;
}

export function expiryOptions(policy: KeyPolicy | null): { value: ExpiryChoice; label: string }[] {
  const presets = PRESETS.filter((p) => presetAllowed(p.days, policy)).map((p) => ({ value: p.choice as ExpiryChoice, label: p.label }));
  const never = neverAllowed(policy) ? [{ value: 'never' as const, label: 'Never' }] : [];
  return [...presets, { value: 'date', label: 'On a date' }, ...never];
}

/** What the policy asks of new keys, in a sentence; null when it asks nothing. */
export function policySentence(policy: KeyPolicy | null): string | null {
  if (policy?.maxLifetimeDays != null) return `Your organization requires keys to expire within ${daysText(policy.maxLifetimeDays)}.`;
  if (policy?.requireExpiry) return 'Your organization requires keys to have an expiry date.';
  return null;
}

export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** The earliest day the date input accepts: tomorrow. */
export function earliestDate(now: number): string {
  return dayjs(now).add(1, 'day').format(DAY_FORMAT);
}

/**
 * The latest day the date input accepts: its start within the maximum lifetime, or without one within
 * 3,650 days (main and the server refuse any later end for a key).
 */
export function latestDate(policy: KeyPolicy | null, now: number): string {
  return dayjs(now + (policy?.maxLifetimeDays ?? KEY_END_MAX_DAYS) * DAY_MS).format(DAY_FORMAT);
}

/** The old key's lifetime in whole days (creation to expiry), for rotation; null if it had none. */
export function lifetimeDaysOf(key: { createdAt: string; expiresAt: string | null }): number | null {
  if (key.expiresAt === null) return null;
  const days = Math.round((Date.parse(key.expiresAt) - Date.parse(key.createdAt)) / DAY_MS);
  return days >= 1 ? days : null;
}

/**
 * The preselected choice (and the date input's starting value): the old key's lifetime when rotating
 * one that had an expiry and the policy allows it; else 90 days if allowed, else the longest allowed.
 * Never is never preselected.
 */
export function defaultExpiry(policy: KeyPolicy | null, lifetimeDays: number | null, now: number): { choice: ExpiryChoice; date: string } {
  const latest = latestDate(policy, now);
  const dateIn = (days: number) => dayjs(now + days * DAY_MS).format(DAY_FORMAT);
  if (lifetimeDays !== null && presetAllowed(lifetimeDays, policy)) {
    const preset = PRESETS.find((p) => p.days === lifetimeDays);
    return { choice: preset ? preset.choice : 'date', date: dateIn(lifetimeDays) };
  }
  if (presetAllowed(DEFAULT_DAYS, policy)) return { choice: 'days-90', date: dateIn(DEFAULT_DAYS) };
  const longest = [...PRESETS].reverse().find((p) => presetAllowed(p.days, policy));
  if (longest) return { choice: longest.choice, date: dateIn(longest.days) };
  return { choice: 'date', date: latest };
}

/** Why the date input's value cannot be used, or null. */
export function dateError(date: string, policy: KeyPolicy | null, now: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || dayjs(date).format(DAY_FORMAT) !== date) return 'Pick a date';
  if (date < earliestDate(now)) return 'Pick a date after today';
  const latest = latestDate(policy, now);
  if (date > latest) return `Pick a date no later than ${dayjs(latest).format('LL')}`;
  return null;
}

/** The `expiresAt` sent to main for a choice: null for Never, the start of the day (local) for a date. */
export function expiresAtOf(choice: ExpiryChoice, date: string, now: number): string | null {
  if (choice === 'never') return null;
  if (choice === 'date') return dayjs(date).startOf('day').toISOString();
  const preset = PRESETS.find((p) => p.choice === choice);
  if (!preset) throw new Error(`Unknown expiry choice: ${choice}`);
  return new Date(now + preset.days * DAY_MS).toISOString();
}

/** "This key expires on …" for the copy screen. */
export function expirySentence(expiresAt: string | null, now: number): string {
  if (expiresAt === null) return 'This key does not expire.';
  const left = Date.parse(expiresAt) - now;
  const days = Math.round(left / DAY_MS);
  const inWords = days >= 1 ? `in ${daysText(days)}` : dayjs(expiresAt).from(now);
  return `This key expires on ${dayjs(expiresAt).format('LLL')} (${inWords}).`;
}
