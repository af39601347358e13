/**
 * Runs a task one at a time with a "run again" flag: a request while it runs does not start a second
 * one beside it, it makes the running one go once more when done, so requests that pile up share one
 * run and none is lost. `request()` resolves when a run that started after the call has finished.
 */
export interface SingleFlight {
  request(): Promise<void>;
  /** The runs under way (until no more are asked for), or null when idle. */
  current(): Promise<void> | null;
  /** No more runs: requests resolve at once. */
  stop(): void;
}

export function createSingleFlight(deps: {
  run: () => Promise<void>;
  /** After each run; `again` says whether another run follows at once. */
  after: (again: boolean) => void;
}): SingleFlight {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let waiting: (() => void)[] = [];

  async function loop() {
    for (;;) {
      again = false;
      const finished = waiting;
      waiting = [];
      try {
        await deps.run();
      } finally {
        finished.forEach((resolve) => resolve());
      }
      if (again && !stopped) {
        deps.after(true);
        continue;
      }
      // Idle before the last word, so whoever `after` tells sees no run under way.
      running = null;
      waiting.splice(0).forEach((resolve) => resolve());
      deps.after(false);
      return;
    }
  }

  return {
    request() {
      if (stopped) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiting.push(resolve));
      if (running) again = true;
      else running = loop();
      return done;
    },
    current: () => running,
    stop() {
      stopped = true;
    },
  };
}
