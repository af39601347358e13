/**
 * What a queued create's fate does to every other entry (each kind decides for itself, kind.ts):
 * - it landed: entries naming its local id name the server's id (keyLanded);
 * - it will never reach the server — refused for good, or cancelled before it was sent: entries
 *   about that key have nothing to do (keyNeverExists);
 * - it kept failing with server errors: entries naming its local id cannot be sent and are kept as
 *   failed, saying so (keyMayNotExist).
 */
import { withRotationsRepointed } from '../store/slices/key-cache.js';
import type { NeverExists } from './kind.js';
import { kindOf } from './registry.js';
import type { OutboxEntry, ProfileState } from './schema.js';

export function keyLanded(state: ProfileState, localId: string, serverId: string): ProfileState {
  const outbox = state.outbox.map((e) => kindOf(e).repoint(e, localId, serverId));
  return withRotationsRepointed({ ...state, outbox }, localId, serverId);
}

export function keyNeverExists(state: ProfileState, keyId: string, how: NeverExists = { cancelled: false, inFlight: new Set() }): ProfileState {
  return { ...state, outbox: state.outbox.flatMap((e) => kindOf(e).whenKeyNeverExists(e, keyId, how)) };
}

export function keyMayNotExist(state: ProfileState, keyId: string): ProfileState {
  const added: OutboxEntry[] = [];
  const outbox = state.outbox.flatMap((e) => {
    const fate = kindOf(e).whenKeyMayNotExist(e, keyId);
    added.push(...fate.added);
    return fate.kept;
  });
  return { ...state, outbox: [...outbox, ...added] };
}
