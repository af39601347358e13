import { beforeEach, describe, expect, it } from 'vitest';
import { createLastUsedTracker } from '../../../../../src/server/modules/auth/last-used-tracker.js';
import { createManualClock, type ManualClock } from '../../../../helpers/manual-clock.js';

describe('last-used tracker', () => {
  let clock: ManualClock;
  let now: number;
  let writes: { id: string; at: string }[];
  const write = async (id: string, at: string) => void writes.push({ id, at });
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeEach(() => {
    clock = createManualClock('2026-03-01T12:00:00.000Z');
    now = clock.now();
    writes = [];
  });

  function advance(ms: number) {
    now += ms;
    clock.advance(ms);
  }

  it('writes the first use at once and at most once more per interval, with the latest time', () => {
    const tracker = createLastUsedTracker({ write, clock, intervalMs: 60_000, onError: () => undefined });
    const t0 = now;
    tracker.touch('k1', null);
    expect(writes).toEqual([{ id: 'k1', at: iso(t0) }]);
    advance(1_000);
    tracker.touch('k1', iso(t0));
    advance(1_000);
    tracker.touch('k1', iso(t0));
    expect(writes).toHaveLength(1);
    advance(58_000);
    // The interval since the first write is over: the latest pending use (t0 + 2 s) is written.
    expect(writes).toEqual([
      { id: 'k1', at: iso(t0) },
      { id: 'k1', at: iso(t0 + 2_000) },
    ]);
    advance(120_000);
    expect(writes).toHaveLength(2);
  });

  it('keeps keys apart', () => {
    const tracker = createLastUsedTracker({ write, clock, intervalMs: 60_000, onError: () => undefined });
    tracker.touch('a', null);
    tracker.touch('b', null);
    tracker.touch('a', null);
    expect(writes.map((w) => w.id)).toEqual(['a', 'b']);
  });

  it('trusts a recent last_used_at read from the database (another node wrote it)', () => {
    const tracker = createLastUsedTracker({ write, clock, intervalMs: 60_000, onError: () => undefined });
    tracker.touch('k', iso(now - 10_000));
    expect(writes).toHaveLength(0);
    advance(50_000);
    expect(writes).toEqual([{ id: 'k', at: iso(now - 50_000) }]);
  });

  it('flush() writes everything pending at once and waits for it', async () => {
    const slow: (() => void)[] = [];
    const tracker = createLastUsedTracker({
      write: (id, at) => new Promise<void>((resolve) => slow.push(() => (writes.push({ id, at }), resolve()))),
      clock,
      intervalMs: 60_000,
      onError: () => undefined,
    });
    tracker.touch('k', null);
    advance(5_000);
    tracker.touch('k', null);
    let flushed = false;
    const flushing = tracker.flush().then(() => (flushed = true));
    await Promise.resolve();
    expect(flushed).toBe(false);
    slow.forEach((release) => release());
    await flushing;
    expect(writes.map((w) => w.at)).toEqual([iso(now - 5_000), iso(now)]);
    // Nothing is left for the timer.
    expect(clock.pendingTimers()).toBe(0);
    advance(120_000);
    expect(writes).toHaveLength(2);
  });

  it('reports write failures instead of throwing into the request', async () => {
    const errors: unknown[] = [];
    const tracker = createLastUsedTracker({ write: async () => Promise.reject(new Error('disk full')), clock, intervalMs: 0, onError: (e) => errors.push(e) });
    expect(() => tracker.touch('k', null)).not.toThrow();
    await tracker.flush();
    expect(errors).toHaveLength(1);
  });
});
