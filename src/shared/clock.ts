/**
 * Time as a dependency, one shape for the main process and the server: `now()` in epoch milliseconds,
 * `setTimeout` / `clearTimeout` for anything scheduled. Tests pass a manual clock and move it.
 *
 * Why a number and not a Date: almost every use compares or adds (expiries, backoff, coalescing
 * intervals, cache validity), which a number does without allocating or mutating; an instant leaves
 * as text only at the edge (`new Date(ms).toISOString()`), and a number cannot be changed in place by
 * whoever receives it, where a shared Date could.
 */
export interface Clock<Timer = unknown> {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(run: () => void, ms: number): Timer;
  clearTimeout(timer: Timer): void;
}
