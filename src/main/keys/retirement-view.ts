/**
 * How a queued retirement shows on its key's row (key-view.ts), as a pure function:
 * - a queued schedule shows the plan it will send, with `pending` "schedule-retirement" — the key does
 *   not retire until the server has it ("Retirement pending");
 * - a queued cancel keeps the server's plan (the key still retires on it until the cancel lands), with
 *   `pending` "cancel-retirement";
 * - a failed one keeps the server's plan, with the failure;
 * - a queued revoke, suspend or resume keeps its own `pending` and the server's plan: the row cannot
 *   say that the plan is only queued, so its time passing offline would make a working key read Revoked;
 * - a pending create keeps its own `pending` and shows the plan (its row reads "Not active yet" anyway).
 */
import type { ScheduledRevocation } from '../../shared/http/index.js';
import type { KeyRow } from '../../shared/ipc/contract.js';
import { latestRetirementOf, queuedPlanOf } from '../outbox/queries.js';
import type { OutboxEntry, RetirementPlan } from '../outbox/schema.js';
import { pendingOf } from '../outbox/status.js';

export function scheduledRevocationOf(plan: RetirementPlan): ScheduledRevocation {
  return 'at' in plan ? { at: plan.at } : { afterFirstUseOf: plan.afterFirstUseOf, graceSeconds: plan.graceSeconds, at: null };
}

export function withQueuedRetirement(row: KeyRow, outbox: readonly OutboxEntry[], inFlight: ReadonlySet<string>): KeyRow {
  const entry = latestRetirementOf(outbox, row.id);
  // Another queued action (revoke, suspend, resume) wins the row: the key is as the server has it until
  // those are sent, so a queued plan's passing time must not make the row read Revoked.
  if (!entry || row.status === 'revoked') return row;
  if (row.pending && row.pending.action !== 'create') return row;
  const plan = queuedPlanOf(entry);
  const scheduledRevocation = plan ? scheduledRevocationOf(plan) : row.scheduledRevocation;
  return { ...row, scheduledRevocation, pending: row.pending ?? pendingOf(entry, inFlight) };
}
