/**
 * How a queued change of allowed addresses shows on its key's row (key-view.ts), as a pure function,
 * the way a queued retirement does (retirement-view.ts):
 * - a queued change shows the list it will send, with `pending` "set-allowed-addresses" — the server
 *   still enforces the key's previous list until it has the new one ("Allowed addresses pending");
 * - a failed one keeps the server's list, with the failure;
 * - a pending revoke, create or retirement keeps its own `pending`: it says more about the key; the
 *   row's `allowedAddressesPending` still says that the list shown is only queued.
 */
import type { KeyRow } from '../../shared/ipc/contract.js';
import { allowedAddressChangesOf } from '../outbox/queries.js';
import type { OutboxEntry } from '../outbox/schema.js';
import { pendingOf } from '../outbox/status.js';

export function withQueuedAllowedAddresses(row: KeyRow, outbox: readonly OutboxEntry[], inFlight: ReadonlySet<string>): KeyRow {
  const entry = allowedAddressChangesOf(outbox, row.id).at(-1);
  if (!entry || row.status === 'revoked') return row;
  const queued = entry.state === 'queued';
  const allowedAddresses = queued ? entry.allowedAddresses : row.allowedAddresses;
  return { ...row, allowedAddresses, allowedAddressesPending: queued, pending: row.pending ?? pendingOf(entry, inFlight) };
}
