import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../../../src/main/sync/single-flight.js';

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open: () => open() };
}

describe('single flight', () => {
  it('never runs twice at once; requests during a run share one more run', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const first = gate();
    const flight = createSingleFlight({
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        runs += 1;
        if (runs === 1) await first.opened;
        running -= 1;
      },
      after: () => {},
    });
    const a = flight.request();
    const others = [flight.request(), flight.request(), flight.request()];
    first.open();
    await Promise.all([a, ...others]);
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    expect(flight.current()).toBeNull();
  });

  it('a request resolves only after a run that started after it', async () => {
    const order: string[] = [];
    const first = gate();
    let runs = 0;
    const flight = createSingleFlight({
      run: async () => {
        runs += 1;
        order.push(`start ${runs}`);
        if (runs === 1) await first.opened;
        order.push(`end ${runs}`);
      },
      after: (again) => order.push(`after again=${again}`),
    });
    void flight.request();
    const late = flight.request().then(() => order.push('late resolved'));
    first.open();
    await late;
    expect(order).toEqual(['start 1', 'end 1', 'after again=true', 'start 2', 'end 2', 'after again=false', 'late resolved']);
  });

  it('is idle before the last `after`, and resolves at once once stopped', async () => {
    const flight = createSingleFlight({ run: async () => {}, after: (again) => expect(again || flight.current() === null).toBe(true) });
    await flight.request();
    flight.stop();
    await flight.request();
    expect(flight.current()).toBeNull();
  });
});
