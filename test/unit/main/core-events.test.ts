import { describe, expect, it, vi } from 'vitest';
import { announceSyncChanges, createCoreEvents, remindOnChanges } from '../../../src/main/core-events.js';
import type { Logger } from '../../../src/main/ports.js';
import type { SyncState } from '../../../src/shared/ipc/contract.js';

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies Logger;

describe('core events', () => {
  it('delivers an event, then runs the reactions registered for it (and only those)', () => {
    const order: string[] = [];
    const events = createCoreEvents({ deliver: (event) => void order.push(`deliver ${event}`), logger: logger() });
    events.after(['keys:changed', 'connection:changed'], () => void order.push('react'));
    events.emit('keys:changed', { reason: 'refreshed' });
    events.emit('close:blocked', { attempted: 'close' });
    expect(order).toEqual(['deliver keys:changed', 'react', 'deliver close:blocked']);
  });

  it('logs a delivery that throws instead of passing it on, and skips its reactions', () => {
    const log = logger();
    const react = vi.fn();
    const events = createCoreEvents({
      deliver: () => {
        throw new Error('window gone');
      },
      logger: log,
    });
    events.after(['keys:changed'], react);
    expect(() => events.emit('keys:changed', { reason: 'synced' })).not.toThrow();
    expect(react).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith('Could not deliver an event to the renderer', expect.objectContaining({ event: 'keys:changed' }));
  });

  it('pokes reminders on keys:changed and connection:changed', () => {
    const events = createCoreEvents({ deliver: () => undefined, logger: logger() });
    const poke = vi.fn(async () => undefined);
    remindOnChanges(events, { poke });
    events.emit('keys:changed', { reason: 'refreshed' });
    events.emit('sync:changed', {} as SyncState);
    expect(poke).toHaveBeenCalledTimes(1);
  });

  it('announces sync:changed on every sync change, and keys:changed unless it is only progress', async () => {
    const emitted: string[] = [];
    const onChanged = announceSyncChanges({ emit: (event) => void emitted.push(event), logger: logger(), state: async () => ({}) as SyncState });
    onChanged('progress');
    onChanged('synced');
    await vi.waitFor(() => expect(emitted.filter((e) => e === 'sync:changed')).toHaveLength(2));
    expect(emitted.filter((e) => e === 'keys:changed')).toHaveLength(1);
  });
});
