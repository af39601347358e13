/** DELETE …/scheduled-revocation: a key's planned end cancelled; idempotent by nature (a second cancel is a no-op, not audited). */
import { z } from 'zod';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import { recordKeyAnswer } from './revoke.js';
import { retirementWhenKeyMayNotExist, retirementWhenKeyNeverExists } from './retirement-fate.js';

export const CancelRetirementEntrySchema = EntryBase.extend({
  kind: z.literal('cancel-retirement'),
  keyId: z.string(),
  keyName: z.string(),
});
export type CancelRetirementEntry = z.infer<typeof CancelRetirementEntrySchema>;

export const cancelRetirementKind: OutboxKind<CancelRetirementEntry> = {
  async send(entry, { api }) {
    const key = await api.cancelScheduledRevocation(entry.keyId);
    return { outcome: { kind: 'applied', key }, record: (state, current) => recordKeyAnswer(state, current.id, key) };
  },
  createdKeyId: () => null,
  repoint: (entry, localId, serverId) => (entry.keyId === localId ? { ...entry, keyId: serverId } : entry),
  whenKeyNeverExists: (entry, keyId, how) => retirementWhenKeyNeverExists(entry, keyId, false, how),
  whenKeyMayNotExist: (entry, keyId) => retirementWhenKeyMayNotExist(entry, keyId, false),
  revokes: () => [],
  rowAction: 'cancel-retirement',
  failedKey: (entry) => ({ keyId: entry.keyId, keyName: entry.keyName }),
};
