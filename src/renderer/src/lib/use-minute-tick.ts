/**
 * One shared clock for everything that prints a relative time ("3 minutes ago"): components call
 * `useMinuteTick()` and re-render once a minute, so such text never goes stale on a screen left open.
 *
 * One timer for the whole window, running only while something is subscribed: a virtualised table
 * mounts and unmounts rows on every keystroke, and each (un)subscribe is just a Set operation. The
 * timer fires just after each wall-clock minute, when `relative()` in lib/time.ts drops its per-minute
 * cache, so a tick always redraws with fresh text (a free-running 60 s interval could redraw from the
 * previous minute's cache and lag by up to two minutes).
 */
import { useSyncExternalStore } from 'react';

const MINUTE_MS = 60_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let minute = currentMinute();

function currentMinute(): number {
  return Math.floor(Date.now() / MINUTE_MS);
}

function scheduleNextTick(): void {
  // A few ms past the boundary, so Date.now() is surely in the new minute when the tick runs.
  timer = setTimeout(tick, MINUTE_MS - (Date.now() % MINUTE_MS) + 5);
}

function tick(): void {
  minute = currentMinute();
  scheduleNextTick();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) scheduleNextTick();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

function getSnapshot(): number {
  // Read during render, before any subscription: while the clock is stopped, `minute` may be old.
  if (timer === null) minute = currentMinute();
  return minute;
}

/** The current minute (ms since the epoch / 60,000); the caller re-renders when it changes. */
export function useMinuteTick(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
