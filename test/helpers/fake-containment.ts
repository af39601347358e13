/**
 * The fake bridge's keys:suspend, keys:resume and keys:bulk-suspend, following main's rules closely
 * enough for renderer tests: offline the row only carries a queued `pending` (the key keeps working),
 * an unsent opposite action is cancelled, online the status changes with who, when and why.
 */
import type { AppErrorDto } from '../../src/shared/errors';
import type { BulkSuspendResult, KeyRow, PendingAction } from '../../src/shared/ipc/contract';

const BY = { id: 'person-1', name: 'Ada Admin' };

function queued(action: 'suspend' | 'resume', key: KeyRow, now: string): PendingAction {
  return { outboxId: `outbox-${action}-${key.id}`, action, state: 'queued', error: null, queuedAt: now, mayBeApplied: false };
}

const ended = (key: KeyRow) => key.status === 'revoked' || key.status === 'expired';

export function fakeSuspend(key: KeyRow, reason: string, options: { offline: boolean; now: string }): KeyRow | AppErrorDto {
  if (ended(key)) return { code: 'CONFLICT', message: `This key is ${key.status}: it cannot be suspended.` };
  if (key.pending?.action === 'resume' && !key.pending.mayBeApplied) return { ...key, pending: null };
  if (key.status === 'suspended') return key;
  if (options.offline) return { ...key, pending: queued('suspend', key, options.now) };
  return { ...key, status: 'suspended', suspension: { at: options.now, by: BY, reason }, pending: null };
}

export function fakeResume(key: KeyRow, options: { offline: boolean; now: string }): KeyRow | AppErrorDto {
  if (ended(key)) return { code: 'CONFLICT', message: `This key is ${key.status}: it cannot be resumed.` };
  if (key.pending?.action === 'suspend' && !key.pending.mayBeApplied) return { ...key, pending: null };
  if (key.status !== 'suspended') return key;
  if (options.offline) return { ...key, pending: queued('resume', key, options.now) };
  return { ...key, status: 'active', suspension: null, pending: null };
}

export function fakeBulkSuspend(
  keys: KeyRow[],
  ids: string[],
  reason: string,
  options: { offline: boolean; now: string },
): { keys: KeyRow[]; result: BulkSuspendResult } {
  const result: BulkSuspendResult = { queued: options.offline, suspended: [], pending: [], alreadySuspended: [], notActive: [], notFound: [] };
  const wanted = new Set(ids);
  const next = keys.map((key) => {
    if (!wanted.has(key.id)) return key;
    const ref = { id: key.id, name: key.name, hint: key.hint };
    if (ended(key)) {
      result.notActive.push(ref);
      return key;
    }
    if (key.status === 'suspended') {
      result.alreadySuspended.push(ref);
      return key;
    }
    const changed = fakeSuspend(key, reason, options) as KeyRow;
    (options.offline ? result.pending : result.suspended).push(ref);
    return changed;
  });
  const known = new Set(keys.map((key) => key.id));
  for (const id of wanted) if (!known.has(id)) result.notFound.push({ id, name: null, hint: null });
  return { keys: next, result };
}
