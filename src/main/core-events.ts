/**
 * Main's events and what follows from them inside main. `emit` delivers an event to the renderer (a
 * delivery that throws is logged, never passed on to whoever emitted it), then runs the reactions
 * registered for that event. The reactions of the core are named here, so app-core.ts only wires them:
 * reminders look again when the list or the connection changed; a sync change announces sync:changed
 * (and keys:changed unless it is only progress); usage or a dismissed failure refreshes the list.
 */
import type { EventChannel, SyncState } from '../shared/ipc/contract.js';
import type { Emit, Logger } from './ports.js';
import type { SyncChange } from './sync/sync-coordinator.js';

export interface CoreEvents {
  emit: Emit;
  /** Runs `react` after each delivery of one of these events, whoever emitted it. */
  after(events: readonly EventChannel[], react: () => void): void;
}

export function createCoreEvents(deps: { deliver: Emit; logger: Logger }): CoreEvents {
  const reactions: { events: readonly EventChannel[]; react: () => void }[] = [];
  return {
    emit(event, payload) {
      try {
        deps.deliver(event, payload);
        for (const reaction of reactions) if (reaction.events.includes(event)) reaction.react();
      } catch (error) {
        deps.logger.warn('Could not deliver an event to the renderer', { event, error });
      }
    },
    after(events, react) {
      reactions.push({ events, react });
    },
  };
}

/** Keys made or changed here (offline creates, retirements) may end soon: reminders look again on every list or connection change. */
export function remindOnChanges(events: CoreEvents, reminders: { poke(): Promise<void> }): void {
  events.after(['keys:changed', 'connection:changed'], () => void reminders.poke());
}

/** What the sync coordinator's changes tell the renderer: its state read afresh (sync:changed) and, unless only progress, keys:changed. */
export function announceSyncChanges(deps: { emit: Emit; logger: Logger; state: () => Promise<SyncState> }): (change: SyncChange) => void {
  const announce = () =>
    void (async () => deps.emit('sync:changed', await deps.state()))().catch((error) => deps.logger.warn('Could not announce the sync state', { error }));
  return (change) => {
    announce();
    if (change !== 'progress') deps.emit('keys:changed', { reason: change });
  };
}

/** The cached list changed outside a sync (usage refreshed, a failed action dismissed): the renderer reads it again. */
export function announceKeysRefreshed(emit: Emit): () => void {
  return () => emit('keys:changed', { reason: 'refreshed' });
}
