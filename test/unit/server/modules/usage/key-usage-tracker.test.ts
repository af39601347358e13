import { beforeEach, describe, expect, it } from 'vitest';
import type { UsageEntry } from '../../../../../src/server/modules/usage/key-usage-repository.js';
import { createKeyUsageTracker } from '../../../../../src/server/modules/usage/key-usage-tracker.js';
import { createManualClock, type ManualClock } from '../../../../helpers/manual-clock.js';

describe('key usage tracker', () => {
  let clock: ManualClock;
  let t0: number;
  let writes: { id: string; entries: readonly UsageEntry[] }[];
  const write = async (id: string, entries: readonly UsageEntry[]) => void writes.push({ id, entries });
  const iso = (ms: number) => new Date(ms).toISOString();
  const tracker = (intervalMs = 60_000) => createKeyUsageTracker({ write, clock, intervalMs, onError: () => undefined });

  beforeEach(() => {
    clock = createManualClock('2026-03-01T12:00:00.000Z');
    t0 = clock.now();
    writes = [];
  });

  it('writes the first use at once, then gathers the rest of the interval into one write of the latest time per kind', () => {
    const usage = tracker();
    usage.exercised('k1', 'data-record:read', false);
    expect(writes).toEqual([{ id: 'k1', entries: [{ kind: 'data-record:read', at: iso(t0) }] }]);
    clock.advance(1_000);
    usage.exercised('k1', 'data-record:read', true);
    clock.advance(1_000);
    usage.exercised('k1', 'data-record:write', false);
    usage.exercised('k1', 'data-record:read', false);
    expect(writes).toHaveLength(1);
    clock.advance(58_000);
    expect(writes[1]).toEqual({
      id: 'k1',
      entries: [
        { kind: 'data-record:read', at: iso(t0 + 2_000) },
        { kind: 'impersonation', at: iso(t0 + 1_000) },
        { kind: 'data-record:write', at: iso(t0 + 2_000) },
      ],
    });
    // Quiet: nothing more to write.
    clock.advance(600_000);
    expect(writes).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps the keys apart and ignores requests that exercised nothing', () => {
    const usage = tracker();
    usage.exercised('k1', undefined, false);
    expect(writes).toEqual([]);
    usage.exercised('k1', undefined, true);
    usage.exercised('k2', 'playbook-run:start', false);
    expect(writes.map((w) => [w.id, w.entries.map((e) => e.kind)])).toEqual([
      ['k1', ['impersonation']],
      ['k2', ['playbook-run:start']],
    ]);
  });

  it('flush writes what is pending at once and waits for the writes in flight', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const done: string[] = [];
    const usage = createKeyUsageTracker({
      write: async (id, entries) => {
        writes.push({ id, entries });
        await slow;
        done.push(id);
      },
      clock,
      intervalMs: 60_000,
      onError: () => undefined,
    });
    usage.exercised('k1', 'data-record:read', false);
    clock.advance(10);
    usage.exercised('k1', 'data-record:write', false);
    const flushed = usage.flush();
    expect(writes).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(0);
    let settled = false;
    void flushed.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await flushed;
    expect(done).toEqual(['k1', 'k1']);
  });

  it('reports a failed write and carries on', async () => {
    const errors: unknown[] = [];
    const usage = createKeyUsageTracker({ write: async () => Promise.reject(new Error('disk full')), clock, intervalMs: 0, onError: (e) => errors.push(e) });
    usage.exercised('k1', 'data-record:read', false);
    await usage.flush();
    expect(errors).toHaveLength(1);
  });
});
