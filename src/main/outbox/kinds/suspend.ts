/**
 * One key suspended, queued: POST …/{id}/suspend with its reason and its own Idempotency-Key (a resend
 * after a lost answer is replayed by the server, audited once). It may name a pending create's local id
 * (suspended while its create was queued): re-pointed when the create lands.
 */
import { z } from 'zod';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import { containmentWhenKeyMayNotExist, containmentWhenKeyNeverExists, createFailing, repointContainment } from './containment-fate.js';
import { recordKeyAnswer } from './revoke.js';

export const SuspendEntrySchema = EntryBase.extend({
  kind: z.literal('suspend'),
  idempotencyKey: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  /** Already checked by SuspensionReasonSchema when the admin asked. */
  reason: z.string(),
});
export type SuspendEntry = z.infer<typeof SuspendEntrySchema>;

export const NOT_SUSPENDED_CREATE_FAILING = createFailing('suspended', 'suspend');

export const suspendKind: OutboxKind<SuspendEntry> = {
  async send(entry, { api }) {
    const key = await api.suspendKey(entry.keyId, entry.reason, entry.idempotencyKey);
    return { outcome: { kind: 'applied', key }, record: (state, current) => recordKeyAnswer(state, current.id, key) };
  },
  createdKeyId: () => null,
  repoint: repointContainment,
  whenKeyNeverExists: containmentWhenKeyNeverExists,
  whenKeyMayNotExist: (entry, keyId) => containmentWhenKeyMayNotExist(entry, keyId, NOT_SUSPENDED_CREATE_FAILING),
  revokes: () => [],
  rowAction: 'suspend',
  failedKey: (entry) => ({ keyId: entry.keyId, keyName: entry.keyName }),
};
