/**
 * How long this process's event loop was kept from running (perf_hooks monitorEventLoopDelay): a
 * synchronous wait anywhere — SQLite's busy handler sleeping on another process's write lock, a long
 * JSON parse, a synchronous file write — delays every request the process holds. Ops see it in the
 * log, and nothing else: a warn line for any interval whose worst delay passed `warnAboveMs`, and
 * one info line with the worst delay since start when the process stops gracefully. No request,
 * header or body is involved, so nothing about callers can leak through it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopReport {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

export interface EventLoopMonitor {
  /** Stops measuring; the worst delay since start (and the distribution of the last interval). */
  stop(): EventLoopReport;
}

export interface EventLoopMonitorOptions {
  log: { warn(fields: object, message: string): void };
  /** Length of one reporting interval. Default 10 s. */
  intervalMs?: number;
  /** An interval whose worst delay passes this is logged as a warning. Default 200 ms. */
  warnAboveMs?: number;
}

const NS_PER_MS = 1e6;
/** Sampling period: the delay is measured to about this precision. */
const RESOLUTION_MS = 10;

export function monitorEventLoop({ log, intervalMs = 10_000, warnAboveMs = 200 }: EventLoopMonitorOptions): EventLoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let worst = 0;
  const report = (): EventLoopReport => {
    // The histogram counts the sampling period itself; subtract it to get the time the loop was held.
    const held = (ns: number) => Math.max(0, Math.round(ns / NS_PER_MS - RESOLUTION_MS));
    worst = Math.max(worst, held(histogram.max));
    return { maxMs: held(histogram.max), p99Ms: held(histogram.percentile(99)), meanMs: held(histogram.mean) };
  };
  const timer = setInterval(() => {
    const interval = report();
    if (interval.maxMs > warnAboveMs) log.warn({ eventLoop: interval }, 'event loop blocked');
    histogram.reset();
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const last = report();
      histogram.disable();
      return { ...last, maxMs: worst };
    },
  };
}
