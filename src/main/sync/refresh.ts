/** A refreshed list from the server, recorded as a pure change of the stored state (one atomic write). */
import type { ApiKeyDto } from '../../shared/http/index.js';
import type { ProfileState } from '../store/profile-state.js';

/** The server's list replaces the cache; rotations of keys that no longer exist are forgotten. */
export function applyRefreshed(state: ProfileState, keys: ApiKeyDto[], syncedAt: string): ProfileState {
  const ids = new Set(keys.map((k) => k.id));
  const rotations = Object.fromEntries(Object.entries(state.rotations).filter(([newId]) => ids.has(newId)));
  return { ...state, keys, syncedAt, rotations };
}
