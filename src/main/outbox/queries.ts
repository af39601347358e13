/** Questions about the queue, answered once here (the rest of main never asks an entry its kind). */
import type { CreateEntry, OutboxEntry, ProfileState, RetirementEntry, RetirementPlan, SetAllowedAddressesEntry } from './schema.js';
import { kindOf } from './registry.js';

export type { RetirementEntry } from './schema.js';

/** Queued (or failed) creates: rows of their own until they land. */
export function queuedCreates(outbox: readonly OutboxEntry[]): CreateEntry[] {
  return outbox.filter((e): e is CreateEntry => e.kind === 'create');
}

/** The create entry of a pending row's local id, if `keyId` is one. */
export function queuedCreateOf(outbox: readonly OutboxEntry[], keyId: string): CreateEntry | undefined {
  return outbox.find((e): e is CreateEntry => e.kind === 'create' && e.localKeyId === keyId);
}

/**
 * The id the renderer holds may be a pending row's local id whose create has landed since: `aliasOf`
 * (the sync coordinator's memory of landed creates) names the server's id then.
 */
export function resolveKeyId(state: ProfileState, id: string, aliasOf: (localId: string) => string | undefined): string {
  return queuedCreateOf(state.outbox, id) ? id : (aliasOf(id) ?? id);
}

/** Entries that revoke `keyId` (single or bulk), in queue order. */
export function revocationsOf(outbox: readonly OutboxEntry[], keyId: string): OutboxEntry[] {
  return outbox.filter((e) => kindOf(e).revokes(e).includes(keyId));
}

/** Is a revocation of `keyId` queued (single or bulk)? */
export function isBeingRevoked(outbox: readonly OutboxEntry[], keyId: string): boolean {
  return revocationsOf(outbox, keyId).some((e) => e.state === 'queued');
}

/** The single-key revoke entry of `keyId`, if any. */
export function singleRevokeOf(outbox: readonly OutboxEntry[], keyId: string): OutboxEntry | undefined {
  return outbox.find((e) => e.kind === 'revoke' && e.keyId === keyId);
}

/**
 * Failed revocations of these keys, minus these keys (an emptied bulk leaves the queue): a new bulk
 * revoke of them supersedes the earlier refusals.
 */
export function withoutFailedRevocationsOf(outbox: readonly OutboxEntry[], ids: ReadonlySet<string>): OutboxEntry[] {
  return outbox.flatMap((e): OutboxEntry[] => {
    if (e.state !== 'failed') return [e];
    if (e.kind === 'revoke') return ids.has(e.keyId) ? [] : [e];
    if (e.kind !== 'bulk-revoke') return [e];
    const keys = e.keys.filter((k) => !ids.has(k.id));
    return keys.length > 0 ? [{ ...e, keys }] : [];
  });
}

export function isRetirement(entry: OutboxEntry): entry is RetirementEntry {
  return entry.kind === 'schedule-retirement' || entry.kind === 'cancel-retirement';
}

/** Retirement entries (scheduled or cancelled) of `keyId`, in queue order. */
export function retirementsOf(outbox: readonly OutboxEntry[], keyId: string): RetirementEntry[] {
  return outbox.filter((e): e is RetirementEntry => isRetirement(e) && e.keyId === keyId);
}

/** The newest retirement entry for the key: it decides what the server will hold once the queue is sent. */
export function latestRetirementOf(outbox: readonly OutboxEntry[], keyId: string): RetirementEntry | null {
  return retirementsOf(outbox, keyId).at(-1) ?? null;
}

/** The plan a retirement entry will send, while it is queued (a cancel, or a failed schedule, sends none). */
export function queuedPlanOf(entry: RetirementEntry): RetirementPlan | null {
  return entry.kind === 'schedule-retirement' && entry.state === 'queued' ? entry.plan : null;
}

/** Is this a schedule (not a cancel)? */
export function isSchedule(entry: RetirementEntry): boolean {
  return entry.kind === 'schedule-retirement';
}

/** Allowed-address changes queued (or failed) for `keyId`, in queue order. */
export function allowedAddressChangesOf(outbox: readonly OutboxEntry[], keyId: string): SetAllowedAddressesEntry[] {
  return outbox.filter((e): e is SetAllowedAddressesEntry => e.kind === 'set-allowed-addresses' && e.keyId === keyId);
}
