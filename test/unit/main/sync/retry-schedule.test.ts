import { describe, expect, it } from 'vitest';
import { createRetrySchedule } from '../../../../src/main/sync/retry-schedule.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';

describe('retry schedule', () => {
  it('waits longer after each failure (capped), runs once per schedule, and forgets on reset', async () => {
    const clock = createFakeClock();
    let runs = 0;
    const retry = createRetrySchedule({ clock, policy: { baseMs: 1_000, capMs: 8_000 }, random: () => 0.99, run: () => void (runs += 1) });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      retry.failed();
      delays.push(retry.nextAt()! - clock.now());
    }
    expect(clock.pending()).toBe(1);
    expect(delays).toEqual([990, 1_980, 3_960, 7_920, 7_920, 7_920]);
    await clock.advance(8_000);
    expect(runs).toBe(1);
    expect(retry.isScheduled()).toBe(false);
    retry.failed();
    retry.reset();
    expect(retry.isScheduled()).toBe(false);
    retry.failed();
    expect(retry.nextAt()! - clock.now()).toBe(990);
  });
});
