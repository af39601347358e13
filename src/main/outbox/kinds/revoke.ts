/**
 * One key revoked, queued: POST …/revoke, idempotent by nature (a second revoke answers the key as
 * revoked). It may name a pending create's local id (revoked while its create was on the wire).
 */
import { z } from 'zod';
import type { AppErrorDto } from '../../../shared/errors.js';
import type { ApiKeyDto } from '../../../shared/http/index.js';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import type { ProfileState } from '../schema.js';
import { withCachedKey } from '../../store/slices/key-cache.js';
import { removeEntry } from '../lifecycle.js';

export const RevokeEntrySchema = EntryBase.extend({
  kind: z.literal('revoke'),
  keyId: z.string(),
  keyName: z.string(),
});
export type RevokeEntry = z.infer<typeof RevokeEntrySchema>;

/** What a revocation that cannot be sent says: its key's create kept failing. */
export const NOT_REVOKED_CREATE_FAILING: AppErrorDto = {
  code: 'INTERNAL',
  message: 'Not revoked: RakerOne kept failing to create this key. If it appears in the list after a refresh, revoke it there.',
};

/** A change to one existing key answered by the server: the entry leaves the queue in the write that caches the key. */
export function recordKeyAnswer(state: ProfileState, entryId: string, key: ApiKeyDto): ProfileState {
  return withCachedKey(removeEntry(state, entryId), key);
}

export const revokeKind: OutboxKind<RevokeEntry> = {
  async send(entry, { api }) {
    const key = await api.revokeKey(entry.keyId);
    return { outcome: { kind: 'applied', key }, record: (state, current) => recordKeyAnswer(state, current.id, key) };
  },
  createdKeyId: () => null,
  repoint: (entry, localId, serverId) => (entry.keyId === localId ? { ...entry, keyId: serverId } : entry),
  // The key never existed: nothing to revoke.
  whenKeyNeverExists: (entry, keyId) => (entry.keyId === keyId ? [] : [entry]),
  whenKeyMayNotExist: (entry, keyId) => ({
    kept: [entry.keyId === keyId && entry.state === 'queued' ? { ...entry, state: 'failed', error: NOT_REVOKED_CREATE_FAILING } : entry],
    added: [],
  }),
  revokes: (entry) => [entry.keyId],
  rowAction: 'revoke',
  failedKey: (entry) => ({ keyId: entry.keyId, keyName: entry.keyName }),
};
