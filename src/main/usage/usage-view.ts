/** A key's cached usage as the details drawer sees it (keys:details), or null if never fetched. */
import type { KeyUsageView } from '../../shared/ipc/key-flags.js';
import { usageIsCurrent } from '../keys/key-flags.js';
import type { ProfileState } from '../store/profile-state.js';

export function usageViewOf(state: ProfileState, keyId: string): KeyUsageView | null {
  const cached = state.usage[keyId];
  const key = state.keys.find((k) => k.id === keyId);
  if (!cached || !key) return null;
  return { ...cached.usage, fetchedAt: cached.fetchedAt, current: usageIsCurrent(key, cached) };
}
