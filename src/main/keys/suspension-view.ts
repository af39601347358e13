/**
 * How a queued suspend or resume shows on its key's row (key-view.ts), as a pure function: the row
 * keeps the server's status and suspension (the key works, or is refused, as the server says until the
 * queue is sent) and carries `pending` "suspend" / "resume" ("Suspension pending" / "Resume pending"),
 * or the refusal until it is dismissed. A queued revoke or a pending create keeps its own `pending`:
 * it says more about the key.
 */
import type { KeyRow } from '../../shared/ipc/contract.js';
import { shownContainmentOf } from '../outbox/containment-queries.js';
import type { OutboxEntry } from '../outbox/schema.js';
import { pendingOf } from '../outbox/status.js';

export function withQueuedContainment(row: KeyRow, outbox: readonly OutboxEntry[], inFlight: ReadonlySet<string>): KeyRow {
  if (row.pending || row.status === 'revoked' || row.status === 'expired') return row;
  const step = shownContainmentOf(outbox, row.id);
  if (!step) return row;
  return { ...row, pending: pendingOf(step.entry, inFlight) };
}
