/** POST …/scheduled-revocation: a key's planned end, sent with its Idempotency-Key (a resend after a lost answer is replayed, audited once). */
import { z } from 'zod';
import { GRACE_SECONDS_MAX, IsoDateSchema } from '../../../shared/http/index.js';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import { recordKeyAnswer } from './revoke.js';
import { retirementWhenKeyMayNotExist, retirementWhenKeyNeverExists } from './retirement-fate.js';

/**
 * How a queued retirement ends the key: at a time, or after another key's first use plus a grace.
 * `afterFirstUseOf` may name a pending create's local id until that create lands.
 */
export const RetirementPlanSchema = z.union([
  z.object({ at: IsoDateSchema }).strict(),
  z.object({ afterFirstUseOf: z.string(), graceSeconds: z.number().int().min(0).max(GRACE_SECONDS_MAX) }).strict(),
]);
export type RetirementPlan = z.infer<typeof RetirementPlanSchema>;

export const ScheduleRetirementEntrySchema = EntryBase.extend({
  kind: z.literal('schedule-retirement'),
  idempotencyKey: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  plan: RetirementPlanSchema,
});
export type ScheduleRetirementEntry = z.infer<typeof ScheduleRetirementEntrySchema>;

/** Does this schedule wait for the first use of `keyId` (a replacement)? */
export function waitsForFirstUseOf(entry: ScheduleRetirementEntry, keyId: string): boolean {
  return 'afterFirstUseOf' in entry.plan && entry.plan.afterFirstUseOf === keyId;
}

export const scheduleRetirementKind: OutboxKind<ScheduleRetirementEntry> = {
  async send(entry, { api }) {
    const key = await api.scheduleRevocation(entry.keyId, entry.plan, entry.idempotencyKey);
    return { outcome: { kind: 'applied', key }, record: (state, current) => recordKeyAnswer(state, current.id, key) };
  },
  createdKeyId: () => null,
  repoint(entry, localId, serverId) {
    const repoint = (id: string) => (id === localId ? serverId : id);
    const keyId = repoint(entry.keyId);
    if (!('afterFirstUseOf' in entry.plan)) return { ...entry, keyId };
    return { ...entry, keyId, plan: { ...entry.plan, afterFirstUseOf: repoint(entry.plan.afterFirstUseOf) } };
  },
  whenKeyNeverExists: (entry, keyId, how) => retirementWhenKeyNeverExists(entry, keyId, waitsForFirstUseOf(entry, keyId), how),
  whenKeyMayNotExist: (entry, keyId) => retirementWhenKeyMayNotExist(entry, keyId, waitsForFirstUseOf(entry, keyId)),
  revokes: () => [],
  rowAction: 'schedule-retirement',
  failedKey: (entry) => ({ keyId: entry.keyId, keyName: entry.keyName }),
};
