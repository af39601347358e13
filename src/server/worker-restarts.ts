/**
 * When to replace a worker that died while serving. A worker that dies at once again (the database
 * went away, a bad deploy) must not become a fork loop burning the CPU and flooding the log: each
 * restart within the window waits twice as long as the one before (0.25 s, 0.5 s, 1 s … 16 s), and
 * after MAX_RESTARTS within the window the primary gives up and exits non-zero, so the service
 * manager (systemd, Kubernetes) sees a failed server instead of one that looks alive.
 */
export const RESTART_WINDOW_MS = 60_000;
export const MAX_RESTARTS = 8;
const FIRST_DELAY_MS = 250;

/** `null`: give up. Otherwise how long to wait before forking; `recentExits` are times (ms) of exits, this one included. */
export function restartDelay(recentExits: readonly number[], nowMs: number): number | null {
  const inWindow = recentExits.filter((at) => nowMs - at < RESTART_WINDOW_MS).length;
  if (inWindow > MAX_RESTARTS) return null;
  return FIRST_DELAY_MS * 2 ** Math.max(0, inWindow - 1);
}
