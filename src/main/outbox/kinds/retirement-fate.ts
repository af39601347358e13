/**
 * What the two retirement kinds (schedule-retirement, cancel-retirement) share: how they follow the
 * creates they depend on. A retirement may name a pending create's local id — as the key that retires
 * (a rotated key not created yet) or, for a schedule, as the key whose first use it waits for (the
 * replacement, still queued) — and must name the server's id once that create lands.
 */
import type { AppErrorDto } from '../../../shared/errors.js';
import type { NeverExists } from '../kind.js';
import { mayBeApplied } from '../lifecycle.js';
import type { OutboxEntry } from '../schema.js';

const NEVER_CREATED: AppErrorDto = {
  code: 'CONFLICT',
  message: 'Not scheduled: the new key was never created, so it can never be used. The old key keeps working.',
};
const CREATE_FAILING: AppErrorDto = {
  code: 'INTERNAL',
  message: 'Not sent: RakerOne kept failing to create the key this retirement names. If it appears in the list after a refresh, schedule the retirement there.',
};

interface RetirementLike {
  keyId: string;
  state: 'queued' | 'failed';
}

/**
 * The create of `keyId` will never reach the server. Cancelled before it was sent: a retirement naming
 * it that cannot have reached the server either (it was queued behind the create) is dropped — one
 * waiting for its first use would wait forever on the server. Otherwise, a retirement OF the key has
 * nothing to do (dropped, like its revokes); one waiting for its first use can never happen, so it is
 * kept as failed, saying so — the old key keeps working, and the admin must know.
 */
export function retirementWhenKeyNeverExists<E extends OutboxEntry & RetirementLike>(
  entry: E,
  keyId: string,
  waitsForIt: boolean,
  how: NeverExists,
): OutboxEntry[] {
  const namesIt = entry.keyId === keyId || waitsForIt;
  if (how.cancelled && namesIt && !mayBeApplied(entry, how.inFlight)) return [];
  if (entry.keyId === keyId) return [];
  return [waitsForIt && entry.state === 'queued' ? { ...entry, state: 'failed', error: NEVER_CREATED } : entry];
}

/** The create of `keyId` kept failing: a retirement naming its local id cannot be sent; kept as failed, saying so. */
export function retirementWhenKeyMayNotExist<E extends OutboxEntry & RetirementLike>(
  entry: E,
  keyId: string,
  waitsForIt: boolean,
): { kept: OutboxEntry[]; added: OutboxEntry[] } {
  const namesIt = entry.keyId === keyId || waitsForIt;
  return { kept: [namesIt && entry.state === 'queued' ? { ...entry, state: 'failed', error: CREATE_FAILING } : entry], added: [] };
}
