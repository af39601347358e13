/**
 * What a row's status is and how to say it honestly (docs/renderer.md): a queued revoke still works
 * until the app reconnects; a queued create does not work yet. Once an action was sent and its answer
 * lost (`mayBeApplied`), neither is certain: the create may already work, the revoke may be done.
 * The wording then errs on the safe side: a key that may work is never called "not active". The words
 * themselves are shared with the inventory export (shared/wording/key-status.ts).
 */
import type { ScheduledRevocation } from '@shared/http/api-keys';
import type { KeyRow } from '@shared/ipc/contract';
import { ROW_STATUSES, rowStatus as rowStatusAt, type RowStatus } from '@shared/key-row-status';
import { hoursLeft } from '@shared/wording/time-left';
import { MAY_BE_APPLIED_EXPLANATION, ROW_STATUS_EXPLANATION, ROW_STATUS_LABEL } from '@shared/wording/key-status';
import { DAY_MS, exact, relative } from '../../../lib/time';
import { suspensionText } from '../suspend/suspension-status';

export type { RowStatus } from '@shared/key-row-status';

/** The shared rule (shared/key-row-status.ts) at the renderer's clock: the wall clock, or the caller's minute tick. */
export function rowStatus(key: KeyRow, now: number = Date.now()): RowStatus {
  return rowStatusAt(key, now);
}

/** "in 23 hours" near the end (the shared words, as the desktop reminders say it), then dayjs's "in 5 days", "in 3 months". */
function until(iso: string, now: number): string {
  return hoursLeft(iso, now) ?? relative(iso, now);
}

/** Within this, an end of life is "soon": it is shown as a warning. */
export const ENDS_SOON_MS = 7 * DAY_MS;

/**
 * When a working key stops working on its own, in words: "Expires in 5 days", "Retires in 23 hours",
 * "Retires after the new key's first use" — the earliest that applies (a first-use retirement, which may
 * come at any moment, unless a date is within 7 days); null when nothing ends it.
 */
export function endOfLife(key: KeyRow, now: number = Date.now()): { text: string; soon: boolean } | null {
  const status = rowStatus(key, now);
  if (status === 'revoked' || status === 'expired' || status === 'create-failed') return null;
  const retireAt = key.scheduledRevocation?.at ?? null;
  const candidates: { at: number; text: string }[] = [];
  if (retireAt) candidates.push({ at: Date.parse(retireAt), text: `Retires ${until(retireAt, now)}` });
  if (key.expiresAt) candidates.push({ at: Date.parse(key.expiresAt), text: `Expires ${until(key.expiresAt, now)}` });
  candidates.sort((a, b) => a.at - b.at);
  const first = candidates[0];
  const soon = first !== undefined && first.at - now <= ENDS_SOON_MS;
  // A retirement waiting for the new key's first use may come at any moment: it outranks a date that is not soon.
  if (!soon && key.scheduledRevocation && 'afterFirstUseOf' in key.scheduledRevocation && key.scheduledRevocation.at === null) {
    return { text: "Retires after the new key's first use", soon: false };
  }
  return first ? { text: first.text, soon } : null;
}

/** The badge's colour for each status (its words are the shared wording). */
const STATUS_COLOR: Record<RowStatus, string> = {
  active: 'green',
  'not-active-yet': 'yellow',
  'not-confirmed-yet': 'yellow',
  'revocation-pending': 'orange',
  'create-failed': 'red',
  'revoke-failed': 'red',
  revoked: 'gray',
  expired: 'gray',
  'retirement-pending': 'yellow',
  'retirement-failed': 'red',
  'cancellation-pending': 'yellow',
  'cancellation-failed': 'red',
  suspended: 'grape',
  'suspension-pending': 'orange',
  'suspend-failed': 'red',
  'resume-pending': 'yellow',
  'resume-failed': 'red',
  'allowed-addresses-pending': 'yellow',
  'allowed-addresses-failed': 'red',
};

/** Each status's badge: its label and explanation (shared/wording/key-status.ts) and its colour. */
export const STATUS_TEXT: Record<RowStatus, { label: string; explanation: string; color: string }> = Object.fromEntries(
  ROW_STATUSES.map((status) => [status, { label: ROW_STATUS_LABEL[status], explanation: ROW_STATUS_EXPLANATION[status], color: STATUS_COLOR[status] }]),
) as Record<RowStatus, { label: string; explanation: string; color: string }>;

/** A failed pending action's reason, when there is one. */
export function statusExplanation(key: KeyRow): string {
  const status = rowStatus(key);
  const unsure = key.pending?.mayBeApplied ? MAY_BE_APPLIED_EXPLANATION[status] : undefined;
  if (unsure) return unsure;
  const reason = key.pending?.state === 'failed' && key.pending.error ? ` Reason: ${key.pending.error.message}` : '';
  // Who switched it off, when and why: while the server holds it suspended (a resume queued or refused included).
  const suspended = key.status === 'suspended' && key.suspension ? ` ${suspensionText(key.suspension)}` : '';
  return `${STATUS_TEXT[status].explanation}${suspended}${reason}`;
}

/**
 * Keys that work or may work and are not already on their way out: the ones that can be revoked, or
 * replaced by a rotation. Not a revoked key, nor one whose create the server refused (it never
 * worked), nor one with a revocation pending.
 */
const WORKS_AND_STAYS: ReadonlySet<RowStatus> = new Set([
  'active',
  'not-active-yet',
  'not-confirmed-yet',
  'revoke-failed',
  'retirement-pending',
  'retirement-failed',
  'cancellation-pending',
  'cancellation-failed',
  // A suspend that is queued or was refused: the key still works.
  'suspension-pending',
  'suspend-failed',
  'allowed-addresses-pending',
  'allowed-addresses-failed',
]);

/** Switched off (or about to be switched on again): it does not work now, but it can still be revoked. */
const SUSPENDED_STATUSES: ReadonlySet<RowStatus> = new Set(['suspended', 'resume-pending', 'resume-failed']);

function worksAndStays(key: KeyRow, now: number = Date.now()): boolean {
  return WORKS_AND_STAYS.has(rowStatus(key, now));
}

export const canRevoke = (key: KeyRow, now: number = Date.now()) => worksAndStays(key, now) || SUSPENDED_STATUSES.has(rowStatus(key, now));
export const canRotate = worksAndStays;

/**
 * A working key with a retirement planned (on the server, or queued here) whose cancellation is not
 * already on its way: one click cancels it.
 */
export function canCancelRetirement(key: KeyRow, now: number = Date.now()): boolean {
  const status = rowStatus(key, now);
  if (!WORKS_AND_STAYS.has(status) || status === 'cancellation-pending') return false;
  return key.scheduledRevocation !== null || key.pending?.action === 'schedule-retirement';
}

/** A grace period in words: "no grace period", "1 hour", "7 days". */
function graceText(seconds: number): string {
  if (seconds <= 0) return 'no grace period';
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) {
      const count = seconds / size;
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

/** A scheduled retirement for the details drawer: when, or what it waits for. */
export function retirementText(plan: ScheduledRevocation): string {
  if (plan.at) return `${exact(plan.at)} (${relative(plan.at)})`;
  const grace = 'graceSeconds' in plan ? plan.graceSeconds : 0;
  return grace > 0 ? `After the new key's first use, plus ${graceText(grace)}` : "At the new key's first use";
}
