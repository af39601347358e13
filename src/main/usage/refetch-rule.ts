/**
 * Which keys' usage to fetch after a list sync. Usage changes only when a key is used, and every use
 * moves the key's `lastUsedAt`: a key's usage is fetched again only when the list shows another
 * `lastUsedAt` than the one recorded with its cached usage, or was never fetched. Only keys that are
 * still active: revoked and expired keys carry no usage flags and cannot be replaced by a narrower key
 * (whatever was fetched for them before stays, for the details drawer).
 */
import type { ApiKeyDto } from '../../shared/http/index.js';
import type { CachedUsage } from '../store/profile-state.js';

export function keysNeedingUsage(keys: readonly ApiKeyDto[], cache: Readonly<Record<string, CachedUsage>>): ApiKeyDto[] {
  return keys.filter((key) => {
    const cached = cache[key.id];
    return key.status === 'active' && (cached === undefined || cached.keyLastUsedAt !== key.lastUsedAt);
  });
}

/** The cache without keys the list no longer has. */
export function pruneUsage(cache: Readonly<Record<string, CachedUsage>>, keys: readonly ApiKeyDto[]): Record<string, CachedUsage> {
  const ids = new Set(keys.map((key) => key.id));
  return Object.fromEntries(Object.entries(cache).filter(([id]) => ids.has(id)));
}
