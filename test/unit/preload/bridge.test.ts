import { describe, expect, it } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../src/preload/bridge.js';

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const invoked: [string, unknown][] = [];
  const ipc: IpcRendererLike & { emit(channel: string, payload: unknown): void } = {
    invoke: async (channel, input) => {
      invoked.push([channel, input]);
      return { ok: true, data: channel };
    },
    on: (channel, listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
    emit: (channel, payload) => listeners.get(channel)?.forEach((l) => l({ sender: 'secret internals' }, payload)),
  };
  return { ipc, invoked, listeners };
}

describe('preload bridge', () => {
  it('forwards allowlisted invokes only', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('keys:list', {})).toEqual({ ok: true, data: 'keys:list' });
    expect(await bridge.invoke('shell:openExternal', 'x')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await bridge.invoke('__proto__', {})).toMatchObject({ ok: false });
    expect(invoked).toEqual([['keys:list', {}]]);
  });

  it('delivers only the payload of allowlisted events, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const off = bridge.on('keys:changed', (payload) => void seen.push(payload));
    ipc.emit('keys:changed', { reason: 'created' });
    expect(seen).toEqual([{ reason: 'created' }]);
    off();
    ipc.emit('keys:changed', { reason: 'synced' });
    expect(seen).toHaveLength(1);
    bridge.on('ipc-internal', () => {});
    expect(listeners.has('ipc-internal')).toBe(false);
  });

  it('a failing IPC transport resolves to INTERNAL instead of rejecting', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke = async () => {
      throw new Error('boom');
    };
    expect(await createBridge(ipc).invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('is frozen', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
