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
import type { KeyPolicy } from '@shared/http/api-keys';
import { KEY_END_MAX_DAYS } from '@shared/key-expiry';
// time.ts also loads the dayjs plugins used here (relativeTime, localizedFormat).
import { DAY_MS } from '../../../lib/time';

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

/**
 * What the rotated key's lifetime was: whole days from creation to expiry, 'never' for a key without an
 * expiry, null when there is no old key to follow (a create, or a lifetime under a day).
 */
export type OldLifetime = number | 'never' | null;

export function lifetimeOf(key: { createdAt: string; expiresAt: string | null }): OldLifetime {
  if (key.expiresAt === null) return 'never';
  const days = Math.round((Date.parse(key.expiresAt) - Date.parse(key.createdAt)) / DAY_MS);
  return days >= 1 ? days : null;
}

/** Whether the policy lets a replacement keep the old key's lifetime as it was. */
function lifetimeAllowed(lifetime: number | 'never', policy: KeyPolicy | null): boolean {
  return lifetime === 'never' ? neverAllowed(policy) : presetAllowed(lifetime, policy);
}

/**
 * The preselected choice (and the date input's starting value). Rotation keeps the old key's lifetime
 * (a key that never expired gets a replacement that never expires) when the policy allows it; when it
 * does not, the longest lifetime it allows (the closest to what the integration had). A new key: 90
 * days if allowed, else the longest allowed. Never is preselected only to keep a rotated key's Never.
 */
export function defaultExpiry(policy: KeyPolicy | null, lifetime: OldLifetime, now: number): { choice: ExpiryChoice; date: string } {
  const latest = latestDate(policy, now);
  const dateIn = (days: number) => dayjs(now + days * DAY_MS).format(DAY_FORMAT);
  if (lifetime === 'never' && neverAllowed(policy)) return { choice: 'never', date: dateIn(DEFAULT_DAYS) };
  if (typeof lifetime === 'number' && presetAllowed(lifetime, policy)) {
    const preset = PRESETS.find((p) => p.days === lifetime);
    return { choice: preset ? preset.choice : 'date', date: dateIn(lifetime) };
  }
  const rotated = lifetime !== null;
  if (!rotated && presetAllowed(DEFAULT_DAYS, policy)) return { choice: 'days-90', date: dateIn(DEFAULT_DAYS) };
  const longest = [...PRESETS].reverse().find((p) => presetAllowed(p.days, policy));
  // A longer allowed maximum than the longest preset (e.g. 45 days): the last day it allows.
  if (rotated && policy?.maxLifetimeDays != null && (!longest || policy.maxLifetimeDays !== longest.days)) return { choice: 'date', date: latest };
  if (longest) return { choice: longest.choice, date: dateIn(longest.days) };
  return { choice: 'date', date: latest };
}

/**
 * Rotation only: when the policy forbids the old key's lifetime, why the new key's differs and when it
 * ends ("Your organization requires keys to expire within 30 days: the new key expires on …"); null
 * when the lifetime was kept or there is no old key.
 */
export function rotationLifetimeNote(policy: KeyPolicy | null, lifetime: OldLifetime, choice: ExpiryChoice, date: string, now: number): string | null {
  if (lifetime === null || lifetimeAllowed(lifetime, policy)) return null;
  const rule = policySentence(policy)?.replace(/\.$/, '');
  if (!rule) return null;
  const expiresAt = expiresAtOf(choice, date, now);
  return expiresAt === null ? `${rule}.` : `${rule}: the new key expires on ${dayjs(expiresAt).format('LL')}.`;
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
