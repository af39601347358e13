/**
 * "Needs attention" flags of one key, a pure function of the key as last listed, its cached usage and
 * the time, so they are computed the same online and offline (from the cache) and tested with a fake
 * clock. The rules (docs/main-process.md, "Needs attention"):
 *
 * - Revoked keys (also a scheduled retirement whose time has come) carry no flags: nothing to act on.
 * - An expired key carries only *Expired*: advice about its use no longer applies to a key that cannot work.
 * - A suspended key carries only *Expires in N days*, *Refused requests* and *New address*: it is refused
 *   on purpose, so it is not "never used" nor "unused" (its idleness is the admin's doing), and its
 *   permissions are not judged while it is off; but someone still trying the switched-off key (refusals,
 *   a new address) is what decides whether to revoke it.
 * - *Expires in N days*: an expiry within 14 days (N rounded up: 3 hours left is "1 day").
 * - *Never used*: created more than 7 days ago and never used. A never-used key gets no other use flag.
 * - *Unused for 90 days*: used once, but not in the last 90 days.
 * - *Unused permissions*: the key is older than 30 days (so each permission was held that long: a key's
 *   permissions never change), has been used, and its usage shows capabilities (or impersonation) never
 *   exercised. Only with usage that is known and current — fetched, and fetched after the key's last use
 *   as the list shows it. Usage never fetched, or fetched before a later use, is unknown: no flag, rather
 *   than report a permission as unused that may have been used since. The row says when usage was fetched.
 * - *Refused requests*: the activity summary (the 7 days before its fetch) counts refusals of the key —
 *   someone holds its secret and is being turned away (revoked? wrong permission?): a possible leak.
 * - *New address*: the summary counts addresses first seen for the key in those 7 days, and the key is
 *   older than 14 days (a younger key's first addresses are its deployment). Both come from counts only;
 *   the addresses are in the drawer's Where from. Both hold whether or not the key was ever admitted (a
 *   refused request does not move `lastUsedAt`). No summary fetched yet: unknown, no flag.
 */
import type { ApiKeyDto } from '../../shared/http/index.js';
import {
  EXPIRES_SOON_DAYS,
  NEVER_USED_AFTER_DAYS,
  NEW_ADDRESS_KEY_AGE_DAYS,
  PERMISSION_HELD_DAYS,
  UNUSED_DAYS,
  type KeyFlag,
} from '../../shared/ipc/key-flags.js';
import type { CachedUsage, KeyActivityCounts } from '../store/profile-state.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const passed = (iso: string | null | undefined, now: number) => iso != null && Date.parse(iso) <= now;

/** The usage is known and says what the key did up to its last use as listed. */
export function usageIsCurrent(key: Pick<ApiKeyDto, 'lastUsedAt'>, usage: CachedUsage | undefined): usage is CachedUsage {
  return usage !== undefined && usage.keyLastUsedAt === key.lastUsedAt;
}

function unusedPermissions(key: ApiKeyDto, usage: CachedUsage): KeyFlag | null {
  const lastUse = new Map(usage.usage.capabilities.map((entry) => [entry.capability, entry.lastUsedAt]));
  // A capability the usage does not mention is unknown, not unused.
  const capabilities = key.capabilities.filter((slug) => lastUse.has(slug) && lastUse.get(slug) === null);
  const impersonation = key.canImpersonate && usage.usage.impersonation.lastUsedAt === null;
  if (capabilities.length === 0 && !impersonation) return null;
  return { kind: 'unused-permissions', capabilities, impersonation };
}

/** The activity flags, from the key's counts in the last summary (`undefined`: no activity in its window). */
function activityFlags(age: number, counts: KeyActivityCounts | undefined): KeyFlag[] {
  if (counts === undefined) return [];
  const flags: KeyFlag[] = [];
  if (counts.refused > 0) flags.push({ kind: 'refused-requests', count: counts.refused });
  if (counts.newAddresses > 0 && age > NEW_ADDRESS_KEY_AGE_DAYS * DAY_MS) flags.push({ kind: 'new-address', count: counts.newAddresses });
  return flags;
}

/**
 * `activity`: the key's counts in the last activity summary; `undefined` when it had none in the window
 * or no summary was ever fetched (the caller passes what the profile's state holds).
 */
export function flagsOf(key: ApiKeyDto, usage: CachedUsage | undefined, now: number, activity: KeyActivityCounts | undefined): KeyFlag[] {
  if (key.status === 'revoked' || passed(key.scheduledRevocation?.at, now)) return [];
  if (key.status === 'expired' || passed(key.expiresAt, now)) return [{ kind: 'expired' }];
  const flags: KeyFlag[] = [];
  if (key.expiresAt !== null) {
    const left = Date.parse(key.expiresAt) - now;
    if (left <= EXPIRES_SOON_DAYS * DAY_MS) flags.push({ kind: 'expires-soon', days: Math.max(1, Math.ceil(left / DAY_MS)) });
  }
  const age = now - Date.parse(key.createdAt);
  flags.push(...activityFlags(age, activity));
  // A suspended key is refused on purpose: not "never used" nor "unused" — but requests still refused
  // while it is off (someone still holds it) or a new address are what decides whether to revoke it.
  if (key.status === 'suspended') return flags;
  if (key.lastUsedAt === null) {
    if (age > NEVER_USED_AFTER_DAYS * DAY_MS) flags.push({ kind: 'never-used' });
    return flags;
  }
  if (now - Date.parse(key.lastUsedAt) > UNUSED_DAYS * DAY_MS) flags.push({ kind: 'unused-90-days' });
  if (age > PERMISSION_HELD_DAYS * DAY_MS && usageIsCurrent(key, usage)) {
    const unused = unusedPermissions(key, usage);
    if (unused) flags.push(unused);
  }
  return flags;
}
