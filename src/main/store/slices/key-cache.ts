/**
 * The key list the server last confirmed (`keys`, `syncedAt`) and the rotations only this app knows
 * (new key id → the key it replaces). Written only through these functions: by a list refresh
 * (sync/drain.ts) and by the outbox recording a server's answer in the same write as its entry
 * leaving the queue (outbox/kinds/*.ts).
 */
import { z } from 'zod';
import { ApiKeyDtoSchema, type ApiKeyDto } from '../../../shared/http/index.js';
import { InstantSchema } from '../../../shared/instant.js';
import type { ProfileState } from '../profile-state.js';

export const KeyCacheSlice = {
  keys: z.array(ApiKeyDtoSchema),
  syncedAt: InstantSchema.nullable(),
  /** New key id → the id of the key it replaces (the server does not know about rotations). */
  rotations: z.record(z.string(), z.string()),
};

/** The server's list replaces the cache; rotations of keys that no longer exist are forgotten. */
export function withListedKeys(state: ProfileState, keys: ApiKeyDto[], syncedAt: string): ProfileState {
  const ids = new Set(keys.map((k) => k.id));
  const rotations = Object.fromEntries(Object.entries(state.rotations).filter(([newId]) => ids.has(newId)));
  return { ...state, keys, syncedAt, rotations };
}

/** One key as the server answered it (new keys first, as the server lists them). */
export function withCachedKey(state: ProfileState, key: ApiKeyDto): ProfileState {
  const at = state.keys.findIndex((k) => k.id === key.id);
  const keys = at === -1 ? [key, ...state.keys] : state.keys.map((k, i) => (i === at ? key : k));
  return { ...state, keys };
}

/** Many keys as the server answered them; `revokedBefore`: ids the server says were revoked already. */
export function withCachedKeys(state: ProfileState, changed: ApiKeyDto[], revokedBefore: ReadonlySet<string> = new Set()): ProfileState {
  const byId = new Map(changed.map((k) => [k.id, k]));
  const known = new Set(state.keys.map((k) => k.id));
  const keys = [...changed.filter((k) => !known.has(k.id)), ...state.keys.map((k) => byId.get(k.id) ?? k)].map((k) =>
    revokedBefore.has(k.id) && k.status !== 'revoked' ? { ...k, status: 'revoked' as const } : k,
  );
  return { ...state, keys };
}

/** `newId` replaces `oldId`. */
export function withRotation(state: ProfileState, newId: string, oldId: string): ProfileState {
  return { ...state, rotations: { ...state.rotations, [newId]: oldId } };
}

/** A queued create landed: rotations naming its local id name the server's id. */
export function withRotationsRepointed(state: ProfileState, localId: string, serverId: string): ProfileState {
  const rotations = Object.fromEntries(Object.entries(state.rotations).map(([newId, oldId]) => [newId, oldId === localId ? serverId : oldId]));
  return { ...state, rotations };
}
