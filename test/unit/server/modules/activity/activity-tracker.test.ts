import { beforeEach, describe, expect, it } from 'vitest';
import type { DayDelta } from '../../../../../src/server/modules/activity/activity-repository.js';
import { createActivityTracker } from '../../../../../src/server/modules/activity/activity-tracker.js';
import { createManualClock, type ManualClock } from '../../../../helpers/manual-clock.js';

describe('activity tracker', () => {
  let clock: ManualClock;
  let t0: number;
  let writes: { id: string; delta: DayDelta }[];
  const write = async (id: string, delta: DayDelta) => void writes.push({ id, delta });
  const iso = (ms: number) => new Date(ms).toISOString();
  const tracker = (maxKeys?: number) => createActivityTracker({ write, clock, intervalMs: 60_000, onError: () => undefined, ...(maxKeys ? { maxKeys } : {}) });
  /** Everything written for a key, summed (what the additive store would hold). */
  const totals = (id: string) =>
    writes
      .filter((w) => w.id === id)
      .reduce((sum, { delta }) => ({ requests: sum.requests + delta.requests, refused: sum.refused + delta.refused }), { requests: 0, refused: 0 });

  beforeEach(() => {
    clock = createManualClock('2026-03-01T12:00:00.000Z');
    t0 = clock.now();
    writes = [];
  });

  it('writes the first request at once, gathers the interval, and loses nothing on flush', async () => {
    const activity = tracker();
    activity.admitted('k1', '203.0.113.7', 'curl/8.5.0');
    expect(writes).toEqual([
      {
        id: 'k1',
        delta: {
          day: '2026-03-01',
          requests: 1,
          refused: 0,
          sources: [{ address: '203.0.113.7', userAgent: 'curl/8.5.0', requests: 1, firstSeenAt: iso(t0), lastSeenAt: iso(t0) }],
        },
      },
    ]);
    clock.advance(1_000);
    activity.admitted('k1', '203.0.113.7', 'curl/8.5.0');
    clock.advance(1_000);
    activity.admitted('k1', '::ffff:203.0.113.7', 'curl/8.5.0');
    expect(writes).toHaveLength(1);
    clock.advance(58_000);
    expect(writes[1]!.delta).toEqual({
      day: '2026-03-01',
      requests: 2,
      refused: 0,
      sources: [{ address: '203.0.113.7', userAgent: 'curl/8.5.0', requests: 2, firstSeenAt: iso(t0 + 1_000), lastSeenAt: iso(t0 + 2_000) }],
    });
    clock.advance(1_000);
    activity.admitted('k1', '203.0.113.7', 'curl/8.5.0');
    activity.refused('k1');
    activity.refused('k1');
    await activity.flush();
    expect(totals('k1')).toEqual({ requests: 4, refused: 2 });
  });

  it('writes a new source and the first refusal of the day at once', () => {
    const activity = tracker();
    activity.admitted('k1', '203.0.113.7', 'a');
    activity.admitted('k1', '203.0.113.7', 'a');
    expect(writes).toHaveLength(1);
    activity.admitted('k1', '203.0.113.7', 'b');
    expect(writes).toHaveLength(2);
    expect(writes[1]!.delta.requests).toBe(2);
    activity.refused('k1');
    expect(writes).toHaveLength(3);
    activity.refused('k1');
    expect(writes).toHaveLength(3);
  });

  it("starts each UTC day afresh: the previous day's counts are written under their own day", () => {
    clock = createManualClock('2026-03-01T23:59:59.500Z');
    const activity = tracker();
    activity.admitted('k1', '203.0.113.7', 'a');
    activity.admitted('k1', '203.0.113.7', 'a');
    clock.advance(1_000);
    activity.admitted('k1', '203.0.113.7', 'a');
    expect(writes.map((w) => [w.delta.day, w.delta.requests])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-01', 1],
      ['2026-03-02', 1],
    ]);
  });

  it('tracks at most 100 sources per key and day; further new pairs count in the totals only', async () => {
    const activity = tracker();
    for (let i = 0; i < 150; i++) activity.admitted('k1', '203.0.113.7', `agent/${i}`);
    expect(writes).toHaveLength(100);
    activity.admitted('k1', 'not an address', 'x');
    activity.admitted('k1', undefined, undefined);
    await activity.flush();
    expect(totals('k1')).toEqual({ requests: 152, refused: 0 });
    const sources = new Set(writes.flatMap((w) => w.delta.sources.map((s) => s.userAgent)));
    expect(sources.size).toBe(100);
  });

  it('forgets keys with nothing pending when too many are tracked, never a pending count', async () => {
    const activity = tracker(10);
    for (let i = 0; i < 50; i++) activity.admitted(`k${i}`, '203.0.113.7', 'a');
    for (let i = 0; i < 50; i++) activity.admitted(`k${i}`, '203.0.113.7', 'a');
    await activity.flush();
    for (let i = 0; i < 50; i++) expect(totals(`k${i}`)).toEqual({ requests: 2, refused: 0 });
    expect(activity.trackedKeys()).toBeLessThanOrEqual(10);
    // Keys with a write pending are kept (growing past the bound) until it is written.
    for (let i = 0; i < 30; i++) {
      activity.admitted(`busy${i}`, '203.0.113.7', 'a');
      activity.admitted(`busy${i}`, '203.0.113.7', 'a');
    }
    expect(activity.trackedKeys()).toBeGreaterThanOrEqual(30);
    clock.advance(60_000);
    for (let i = 0; i < 30; i++) expect(totals(`busy${i}`)).toEqual({ requests: 2, refused: 0 });
    activity.admitted('late', '203.0.113.7', 'a');
    expect(activity.trackedKeys()).toBeLessThanOrEqual(10);
  });
});
