/**
 * How the outbox's retirement entries (schedule-retirement, cancel-retirement) follow the creates they
 * depend on, as pure functions used by apply.ts: a retirement may name a pending create's local id —
 * as the key that retires (a rotated key not created yet) or as the key whose first use it waits for
 * (the replacement, still queued) — and must name the server's id once that create lands.
 */
import type { AppErrorDto } from '../../shared/errors.js';
import { mayBeApplied } from './apply.js';
import type { OutboxEntry, RetirementEntry } from '../store/outbox-schema.js';

export function isRetirement(entry: OutboxEntry): entry is RetirementEntry {
  return entry.kind === 'schedule-retirement' || entry.kind === 'cancel-retirement';
}

/** The same retirement entry with every key id passed through `repoint`. */
export function repointRetirement<E extends RetirementEntry>(entry: E, repoint: (id: string) => string): E {
  const keyId = repoint(entry.keyId);
  if (entry.kind === 'cancel-retirement' || !('afterFirstUseOf' in entry.plan)) return { ...entry, keyId };
  return { ...entry, keyId, plan: { ...entry.plan, afterFirstUseOf: repoint(entry.plan.afterFirstUseOf) } };
}

/** Does this retirement wait for the first use of `keyId` (a replacement)? */
export function waitsForFirstUseOf(entry: OutboxEntry, keyId: string): boolean {
  return entry.kind === 'schedule-retirement' && 'afterFirstUseOf' in entry.plan && entry.plan.afterFirstUseOf === keyId;
}

/**
 * The create of `keyId` was refused for good: that key will never exist. Retirements OF it have nothing
 * to do (dropped, like its revokes); a retirement waiting for its first use can never happen, so it is
 * kept as failed, saying so — the old key keeps working, and the admin must know.
 */
export function settleRetirementsOfRefusedCreate(outbox: OutboxEntry[], keyId: string): OutboxEntry[] {
  const error: AppErrorDto = { code: 'CONFLICT', message: 'Not scheduled: the new key was never created, so it can never be used. The old key keeps working.' };
  return outbox
    .filter((e) => !(isRetirement(e) && e.keyId === keyId))
    .map((e) => (waitsForFirstUseOf(e, keyId) && e.state === 'queued' ? { ...e, state: 'failed', error } : e));
}

/**
 * The server kept failing the create of `keyId`: it may or may not have the key. Retirements naming
 * its local id cannot be sent; they are kept as failed too, saying so.
 */
export function failRetirementsNaming(outbox: OutboxEntry[], keyId: string): OutboxEntry[] {
  const error: AppErrorDto = {
    code: 'INTERNAL',
    message: 'Not sent: RakerOne kept failing to create the key this retirement names. If it appears in the list after a refresh, schedule the retirement there.',
  };
  return outbox.map((e) => (isRetirement(e) && e.state === 'queued' && (e.keyId === keyId || waitsForFirstUseOf(e, keyId)) ? { ...e, state: 'failed', error } : e));
}

/**
 * The admin revoked a key whose create was never sent (revoke-change.ts cancels it locally): it will
 * never exist. Retirements of it, and one waiting for its first use (which can never come — as the
 * server would keep such a plan forever, unfired), are dropped with it: they cannot have been sent
 * either, being queued behind that create.
 */
export function dropRetirementsNaming(outbox: OutboxEntry[], keyId: string, inFlight: ReadonlySet<string>): OutboxEntry[] {
  return outbox.filter((e) => !(isRetirement(e) && (e.keyId === keyId || waitsForFirstUseOf(e, keyId)) && !mayBeApplied(e, inFlight)));
}
