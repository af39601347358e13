/**
 * A key's allowed addresses set (or cleared: null), queued: PUT …/{id}/allowed-addresses with its own
 * Idempotency-Key, so a resend after a lost answer is replayed by the server (audited once, and never
 * overwriting a list another admin set in between); the queue sends entries in order, so an older list
 * can never land after a newer one. It may name a
 * pending create's local id (a key restricted before its create reached the server) and follows that
 * create's fate: re-pointed when it lands, dropped when it never exists, failed when it kept failing.
 */
import { z } from 'zod';
import type { AppErrorDto } from '../../../shared/errors.js';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import { recordKeyAnswer } from './revoke.js';

export const SetAllowedAddressesEntrySchema = EntryBase.extend({
  kind: z.literal('set-allowed-addresses'),
  idempotencyKey: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  /** Canonical CIDR blocks (parsed by the IPC input schema before they were queued); null: from any address. */
  allowedAddresses: z.array(z.string()).min(1).nullable(),
});
export type SetAllowedAddressesEntry = z.infer<typeof SetAllowedAddressesEntrySchema>;

/** What a change of allowed addresses that cannot be sent says: its key's create kept failing. */
export const NOT_SET_CREATE_FAILING: AppErrorDto = {
  code: 'INTERNAL',
  message: 'Not sent: RakerOne kept failing to create this key. If it appears in the list after a refresh, set its allowed addresses there.',
};

export const setAllowedAddressesKind: OutboxKind<SetAllowedAddressesEntry> = {
  async send(entry, { api }) {
    const key = await api.setAllowedAddresses(entry.keyId, entry.allowedAddresses, entry.idempotencyKey);
    return { outcome: { kind: 'applied', key }, record: (state, current) => recordKeyAnswer(state, current.id, key) };
  },
  createdKeyId: () => null,
  repoint: (entry, localId, serverId) => (entry.keyId === localId ? { ...entry, keyId: serverId } : entry),
  // The key never existed: there is nothing to restrict.
  whenKeyNeverExists: (entry, keyId) => (entry.keyId === keyId ? [] : [entry]),
  whenKeyMayNotExist: (entry, keyId) => ({
    kept: [entry.keyId === keyId && entry.state === 'queued' ? { ...entry, state: 'failed', error: NOT_SET_CREATE_FAILING } : entry],
    added: [],
  }),
  revokes: () => [],
  rowAction: 'set-allowed-addresses',
  failedKey: (entry) => ({ keyId: entry.keyId, keyName: entry.keyName }),
};
