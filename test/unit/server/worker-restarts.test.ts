import { describe, expect, it } from 'vitest';
import { MAX_RESTARTS, RESTART_WINDOW_MS, restartDelay } from '../../../src/server/worker-restarts.js';

describe('worker restarts', () => {
  it('replaces a worker that died once soon, and waits twice as long for each further death in the window', () => {
    expect(restartDelay([1_000], 1_000)).toBe(250);
    expect(restartDelay([1_000, 2_000], 2_000)).toBe(500);
    expect(restartDelay([1_000, 2_000, 3_000], 3_000)).toBe(1_000);
  });

  it('forgets deaths older than the window', () => {
    expect(restartDelay([0, 1, 2, RESTART_WINDOW_MS + 10], RESTART_WINDOW_MS + 10)).toBe(250);
  });

  it('gives up after too many deaths within the window', () => {
    const exits = Array.from({ length: MAX_RESTARTS + 1 }, (_, i) => i * 100);
    expect(restartDelay(exits.slice(0, MAX_RESTARTS), 900)).not.toBeNull();
    expect(restartDelay(exits, 900)).toBeNull();
  });
});
