/**
 * One suspended key resumed, queued: POST …/{id}/resume with its own Idempotency-Key (resuming is a
 * no-op on a key that is not suspended, but the key makes a replay answer the first result even when a
 * later suspend has landed meanwhile from another admin). Follows a queued create like a suspend.
 */
import { z } from 'zod';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import { containmentWhenKeyMayNotExist, containmentWhenKeyNeverExists, createFailing, repointContainment } from './containment-fate.js';
import { recordKeyAnswer } from './revoke.js';

export const ResumeEntrySchema = EntryBase.extend({
  kind: z.literal('resume'),
  idempotencyKey: z.string(),
  keyId: z.string(),
  keyName: z.string(),
});
export type ResumeEntry = z.infer<typeof ResumeEntrySchema>;

export const NOT_RESUMED_CREATE_FAILING = createFailing('resumed', 'resume');

export const resumeKind: OutboxKind<ResumeEntry> = {
  async send(entry, { api }) {
    const key = await api.resumeKey(entry.keyId, entry.idempotencyKey);
    return { outcome: { kind: 'applied', key }, record: (state, current) => recordKeyAnswer(state, current.id, key) };
  },
  createdKeyId: () => null,
  repoint: repointContainment,
  whenKeyNeverExists: containmentWhenKeyNeverExists,
  whenKeyMayNotExist: (entry, keyId) => containmentWhenKeyMayNotExist(entry, keyId, NOT_RESUMED_CREATE_FAILING),
  revokes: () => [],
  rowAction: 'resume',
  failedKey: (entry) => ({ keyId: entry.keyId, keyName: entry.keyName }),
};
