/**
 * What keys:schedule-retirement and keys:cancel-retirement do to the stored state, as pure changes
 * (each applied in one atomic write, like changes/revoke.ts):
 * - schedule: a new schedule-retirement entry, with its own Idempotency-Key, queued behind whatever
 *   it depends on (the create of the key, or of the replacement whose first use it waits for — a
 *   create that failed with an unknown outcome is queued again so it lands, or is refused, first);
 * - cancel: a schedule that cannot have reached the server (never sent, or refused for good: apply.ts
 *   `mayBeApplied`) is dropped locally; if the server has, or may have, a plan after that, a
 *   cancel-retirement entry is queued (or the one already queued is awaited).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import type { KeyRow } from '../../../shared/ipc/contract.js';
import { findRow } from '../../keys/key-view.js';
import { appendEntry, canCancelCreate, mayBeApplied, requeueEntries, withoutEntries } from '../lifecycle.js';
import { isBeingRevoked, isSchedule, queuedCreateOf, retirementsOf } from '../queries.js';
import type { CancelRetirementEntry, ProfileState, RetirementPlan, ScheduleRetirementEntry } from '../schema.js';

export type RetirementResult =
  /** The entry to await (new, requeued or already queued). */
  | { kind: 'queued'; entryId: string }
  /** Nothing needs to reach the server (only unsent schedules were dropped, or nothing was planned). */
  | { kind: 'none' };

interface Context {
  now: string;
  inFlight: ReadonlySet<string>;
}

/**
 * The key must exist and still work. A create of it that failed with an unknown outcome is queued again
 * (the retirement goes behind it); one refused for good means the key never existed.
 */
function usableKey(state: ProfileState, id: string, role: 'retire' | 'replacement', context: Context): { state: ProfileState; row: KeyRow } {
  let s = state;
  const create = queuedCreateOf(s.outbox, id);
  if (create?.state === 'failed') {
    if (canCancelCreate(create, context.inFlight))
      throw new AppError('CONFLICT', role === 'retire' ? 'This key was never created.' : 'The new key was never created, so it can never be used.');
    s = requeueEntries(s, new Set([create.id]));
  }
  const row = findRow(s, id, context.inFlight, Date.parse(context.now));
  if (!row) throw new AppError('NOT_FOUND', role === 'retire' ? 'This key does not exist.' : 'The new key does not exist.');
  const subject = role === 'retire' ? 'This key' : 'The new key';
  if (row.status === 'revoked') throw new AppError('CONFLICT', `${subject} is already revoked.`);
  if (row.status === 'expired') throw new AppError('CONFLICT', `${subject} has expired.`);
  if (isBeingRevoked(s.outbox, id)) throw new AppError('CONFLICT', `${subject} is already being revoked.`);
  return { state: s, row };
}

export function scheduleRetirementChange(
  state: ProfileState,
  keyId: string,
  plan: RetirementPlan,
  context: Context,
): { next: ProfileState; result: RetirementResult } {
  const retiring = usableKey(state, keyId, 'retire', context);
  let s = retiring.state;
  if ('afterFirstUseOf' in plan) {
    if (plan.afterFirstUseOf === keyId)
      throw new AppError('VALIDATION', 'A key cannot wait for its own first use: name its replacement.', {
        issues: [{ path: 'afterFirstUseOf', message: 'Name the replacement key, not this one' }],
      });
    s = usableKey(s, plan.afterFirstUseOf, 'replacement', context).state;
  }
  const entry: ScheduleRetirementEntry = {
    kind: 'schedule-retirement',
    id: randomUUID(),
    idempotencyKey: randomUUID(),
    keyId,
    keyName: retiring.row.name,
    plan,
    queuedAt: context.now,
    state: 'queued',
    error: null,
    attempts: 0,
  };
  return { next: appendEntry(s, entry), result: { kind: 'queued', entryId: entry.id } };
}

export function cancelRetirementChange(state: ProfileState, keyId: string, context: Context): { next: ProfileState; result: RetirementResult } {
  const row = findRow(state, keyId, context.inFlight, Date.parse(context.now));
  if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
  if (row.status === 'revoked') throw new AppError('CONFLICT', 'This key is already revoked: its retirement cannot be cancelled.');
  // Schedules the server cannot have are simply forgotten: it never hears of them.
  const forgotten = new Set(
    retirementsOf(state.outbox, keyId)
      .filter((e) => isSchedule(e) && !mayBeApplied(e, context.inFlight))
      .map((e) => e.id),
  );
  const s = withoutEntries(state, forgotten);
  const mine = retirementsOf(s.outbox, keyId);
  const last = mine.at(-1);
  const serverPlan = state.keys.find((k) => k.id === keyId)?.scheduledRevocation ?? null;
  const serverMayHavePlan = serverPlan !== null || mine.some(isSchedule);
  if (!serverMayHavePlan) return { next: s, result: { kind: 'none' } };
  if (last && !isSchedule(last)) {
    if (last.state === 'queued') return { next: s, result: { kind: 'queued', entryId: last.id } };
    // Failed before: the admin asks again, so try again.
    return { next: requeueEntries(s, new Set([last.id])), result: { kind: 'queued', entryId: last.id } };
  }
  const entry: CancelRetirementEntry = {
    kind: 'cancel-retirement',
    id: randomUUID(),
    keyId,
    keyName: row.name,
    queuedAt: context.now,
    state: 'queued',
    error: null,
    attempts: 0,
  };
  return { next: appendEntry(s, entry), result: { kind: 'queued', entryId: entry.id } };
}
