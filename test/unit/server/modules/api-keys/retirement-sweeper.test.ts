import { describe, expect, it } from 'vitest';
import { createRetirementSweeper } from '../../../../../src/server/modules/api-keys/retirement-sweeper.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';

function setUp(intervalMs: number) {
  const clock = createManualClock();
  const calls = { retirements: 0, retention: 0, settled: 0 };
  let finishSweep: (() => void) | null = null;
  const sweeper = createRetirementSweeper({
    clock,
    intervalMs,
    retirements: {
      materializeDue: () => {
        calls.retirements += 1;
        return new Promise<number>((resolve) => (finishSweep = () => resolve(0)));
      },
      settled: async () => {
        calls.settled += 1;
      },
    },
    activityRetention: {
      sweep: async () => {
        calls.retention += 1;
      },
    },
    onRetirementError: () => undefined,
    onRetentionError: () => undefined,
  });
  return { clock, calls, sweeper, finish: () => finishSweep?.() };
}

describe('retirement sweeper', () => {
  it('sweeps retirements and activity once per interval, the next one scheduled only after the last ended', async () => {
    const { clock, calls, sweeper, finish } = setUp(60_000);
    sweeper.start();
    clock.advance(59_999);
    expect(calls.retirements).toBe(0);
    clock.advance(1);
    expect(calls).toMatchObject({ retirements: 1, retention: 1 });
    // Still sweeping: no second sweep joins it, however long it takes.
    clock.advance(180_000);
    expect(calls.retirements).toBe(1);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(60_000);
    expect(calls.retirements).toBe(2);
    finish();
    await sweeper.stop();
  });

  it('stops: the next sweep is cancelled, one in flight and background runs are waited for, none follows', async () => {
    const { clock, calls, sweeper, finish } = setUp(1_000);
    sweeper.start();
    clock.advance(1_000);
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(calls.settled).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(10_000);
    expect(calls.retirements).toBe(1);
  });

  it('is off with an interval of 0', async () => {
    const { clock, calls, sweeper } = setUp(0);
    sweeper.start();
    clock.advance(1_000_000);
    expect(calls.retirements).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
    await sweeper.stop();
  });
});
