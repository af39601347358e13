/**
 * The keys table as the renderer sees it: the server's last confirmed list, overlaid with what is
 * queued locally — a queued create is a row of its own (not in effect yet), a queued revoke marks its
 * row (the key still works until the revoke reaches the server), a queued retirement shows its plan
 * (retirement-view.ts), a queued suspend or resume its pending switch (suspension-view.ts). Pure functions of the stored state.
 */
import type { ApiKeyDto } from '../../shared/http/index.js';
import type { KeyRow, KeysView } from '../../shared/ipc/contract.js';
import { flagsOf } from './key-flags.js';
import { queuedCreates, revocationsOf } from '../outbox/queries.js';
import type { CreateEntry } from '../outbox/schema.js';
import { pendingOf } from '../outbox/status.js';
import type { ProfileState } from '../store/profile-state.js';
import { withQueuedRetirement } from './retirement-view.js';
import { withQueuedContainment } from './suspension-view.js';
import { withQueuedAllowedAddresses } from './allowed-addresses-view.js';

export function rowOfPendingCreate(entry: CreateEntry, inFlight: ReadonlySet<string>): KeyRow {
  return {
    id: entry.localKeyId,
    name: entry.body.name,
    capabilities: entry.body.capabilities,
    canImpersonate: entry.body.canImpersonate,
    hint: entry.body.hint,
    createdAt: entry.queuedAt,
    createdBy: entry.createdBy,
    lastUsedAt: null,
    status: 'active',
    revokedAt: null,
    expiresAt: entry.body.expiresAt,
    scheduledRevocation: null,
    suspension: null,
    allowedAddresses: entry.body.allowedAddresses,
    pending: pendingOf(entry, inFlight),
    rotatesKeyId: entry.rotatesKeyId,
    // Not on the server yet: nothing to flag, no usage.
    flags: [],
    usageFetchedAt: null,
    allowedAddressesPending: false,
  };
}

/** `now`: the time the flags are computed for (main's clock). */
export function rowOfServerKey(key: ApiKeyDto, state: ProfileState, inFlight: ReadonlySet<string>, now: number): KeyRow {
  // A queued revocation (single or bulk) says more than one that failed earlier.
  const revokes = revocationsOf(state.outbox, key.id);
  const revoke = revokes.find((entry) => entry.state === 'queued') ?? revokes[0];
  const usage = state.usage[key.id];
  return {
    ...key,
    // A suspended key can still be revoked: its queued revocation shows too.
    pending: revoke && (key.status === 'active' || key.status === 'suspended') ? pendingOf(revoke, inFlight) : null,
    rotatesKeyId: state.rotations[key.id] ?? null,
    flags: flagsOf(key, usage, now, state.activitySummary?.keys[key.id]),
    usageFetchedAt: usage?.fetchedAt ?? null,
    allowedAddressesPending: false,
  };
}

/** Newest first, as the server lists them; pending creates (newest of all) on top. */
/** `now`: main's clock (ports.ts `Clock`), never the wall clock read here, so tests and flags agree on the time. */
export function keysViewOf(state: ProfileState, source: KeysView['source'], inFlight: ReadonlySet<string>, now: number): KeysView {
  const pendingRows = queuedCreates(state.outbox)
    .map((entry) => withQueuedAllowedAddresses(withQueuedRetirement(rowOfPendingCreate(entry, inFlight), state.outbox, inFlight), state.outbox, inFlight))
    .reverse();
  // A queued suspend or resume wins the row over a queued retirement: it decides whether the key works now.
  const serverRows = state.keys.map((key) => {
    const row = withQueuedContainment(rowOfServerKey(key, state, inFlight, now), state.outbox, inFlight);
    return withQueuedAllowedAddresses(withQueuedRetirement(row, state.outbox, inFlight), state.outbox, inFlight);
  });
  return { keys: [...pendingRows, ...serverRows], syncedAt: state.syncedAt, activityFetchedAt: state.activitySummary?.fetchedAt ?? null, source };
}

export function findRow(state: ProfileState, id: string, inFlight: ReadonlySet<string>, now: number): KeyRow | null {
  return keysViewOf(state, 'cache', inFlight, now).keys.find((row) => row.id === id) ?? null;
}
