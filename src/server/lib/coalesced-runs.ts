/**
 * Coalesces concurrent runs of one piece of work per key: a caller that arrives while a run for its
 * key is in flight does not start another; it waits for the next run, which starts once the current
 * one ends and serves everybody who arrived in the meantime. So N concurrent callers cost at most two
 * runs, and each caller still gets a run that started after it asked (the work sees everything that
 * was true when the caller arrived) — the keyed, write-side sibling of db/fresh-read.ts.
 */
export function coalescedRuns<T>(run: (key: string) => Promise<T>): (key: string) => Promise<T> {
  interface Waiting {
    promise: Promise<T>;
    resolve(value: T): void;
    reject(error: unknown): void;
  }
  const inFlight = new Map<string, { next: Waiting | null }>();

  function start(key: string): Promise<T> {
    const slot = { next: null as Waiting | null };
    inFlight.set(key, slot);
    const current = run(key);
    const settled = () => {
      const waiting = slot.next;
      inFlight.delete(key);
      if (waiting) start(key).then(waiting.resolve, waiting.reject);
    };
    current.then(settled, settled);
    return current;
  }

  return (key) => {
    const slot = inFlight.get(key);
    if (slot === undefined) return start(key);
    if (slot.next === null) {
      let resolve!: (value: T) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      slot.next = { promise, resolve, reject };
    }
    return slot.next.promise;
  };
}
