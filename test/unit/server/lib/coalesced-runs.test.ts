import { describe, expect, it } from 'vitest';
import { coalescedRuns } from '../../../../src/server/lib/coalesced-runs.js';

/** A run per call, resolved by hand. */
function recorder() {
  const runs: { key: string; finish(value: number): void; fail(error: unknown): void }[] = [];
  const run = coalescedRuns(
    (key) =>
      new Promise<number>((resolve, reject) => {
        runs.push({ key, finish: resolve, fail: reject });
      }),
  );
  return { run, runs };
}

describe('coalescedRuns', () => {
  it('runs once for the callers of a key that arrive while it is idle, and once more for everyone who arrived during that run', async () => {
    const { run, runs } = recorder();
    const first = run('org-1');
    const during = [run('org-1'), run('org-1'), run('org-1')];
    expect(runs).toHaveLength(1);
    runs[0]!.finish(7);
    expect(await first).toBe(7);
    await Promise.resolve();
    // The callers who arrived during the first run share the next one, started after it ended.
    expect(runs).toHaveLength(2);
    runs[1]!.finish(0);
    expect(await Promise.all(during)).toEqual([0, 0, 0]);
    expect(runs).toHaveLength(2);
  });

  it('keeps keys apart, and a failed run fails only its own callers', async () => {
    const { run, runs } = recorder();
    const a = run('a');
    const b = run('b');
    expect(runs.map((r) => r.key)).toEqual(['a', 'b']);
    runs[0]!.fail(new Error('database gone'));
    runs[1]!.finish(1);
    await expect(a).rejects.toThrow('database gone');
    expect(await b).toBe(1);
    // After a failure the key is idle again: the next caller starts a new run.
    const again = run('a');
    expect(runs).toHaveLength(3);
    runs[2]!.finish(2);
    expect(await again).toBe(2);
  });
});
