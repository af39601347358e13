/**
 * Questions about queued suspends and resumes (single or bulk), answered once here: which entries will
 * switch a key off or on, which one decides what the server holds once the queue is sent, and taking a
 * key out of entries that never reached the server (the rest of main never asks an entry its kind).
 */
import { takeOutOfBulkSuspend } from './kinds/bulk-suspend.js';
import { mayBeApplied } from './lifecycle.js';
import type { OutboxEntry, ProfileState } from './schema.js';

/** An entry that switches `keyId` off (`suspends`) or on again. */
export interface ContainmentStep {
  entry: OutboxEntry;
  suspends: boolean;
}

function stepOf(entry: OutboxEntry, keyId: string): ContainmentStep | null {
  if (entry.kind === 'suspend' && entry.keyId === keyId) return { entry, suspends: true };
  if (entry.kind === 'resume' && entry.keyId === keyId) return { entry, suspends: false };
  if (entry.kind === 'bulk-suspend' && entry.keys.some((k) => k.id === keyId)) return { entry, suspends: true };
  return null;
}

/** Suspends and resumes of `keyId` (single or bulk), in queue order. */
export function containmentOf(outbox: readonly OutboxEntry[], keyId: string): ContainmentStep[] {
  return outbox.flatMap((e) => {
    const step = stepOf(e, keyId);
    return step ? [step] : [];
  });
}

/** The newest queued suspend or resume of the key: it decides what the server holds once the queue is sent. */
export function latestQueuedContainmentOf(outbox: readonly OutboxEntry[], keyId: string): ContainmentStep | null {
  return (
    containmentOf(outbox, keyId)
      .filter((s) => s.entry.state === 'queued')
      .at(-1) ?? null
  );
}

/** What the key's row shows: the newest queued step, else the newest refused one (until dismissed). */
export function shownContainmentOf(outbox: readonly OutboxEntry[], keyId: string): ContainmentStep | null {
  return latestQueuedContainmentOf(outbox, keyId) ?? containmentOf(outbox, keyId).at(-1) ?? null;
}

/**
 * The key taken out of every suspend or resume of it that cannot have reached the server (never sent,
 * or refused for good), and out of refused ones (a new action supersedes them): an unsent bulk suspend
 * loses the key (and leaves the queue once emptied), a single entry goes. Entries that may have been
 * applied stay: they are sent in order, so the server still ends on the admin's last word.
 */
export function withoutUnsentContainmentOf(state: ProfileState, keyId: string, inFlight: ReadonlySet<string>): ProfileState {
  const outbox = state.outbox.flatMap((e): OutboxEntry[] => {
    if (!stepOf(e, keyId)) return [e];
    const droppable = e.state === 'failed' || !mayBeApplied(e, inFlight);
    if (!droppable) return [e];
    if (e.kind !== 'bulk-suspend') return [];
    if (e.state === 'failed') {
      const keys = e.keys.filter((k) => k.id !== keyId);
      return keys.length > 0 ? [{ ...e, keys }] : [];
    }
    return takeOutOfBulkSuspend(e, keyId).kept;
  });
  return { ...state, outbox };
}
