/**
 * "Last used" of API keys without turning every authenticated read into a write. Per key, at most one
 * database write per interval: the first use after a quiet interval is written at once (so a new key
 * shows "last used" right away), later uses in the interval are remembered and written when the
 * interval ends, with the latest time. `flush()` writes everything pending: it runs on graceful
 * shutdown (Fastify onClose), so no use is lost. The stored value only moves forward (see
 * HOT_SQL.touchApiKey), so several nodes can write in any order.
 */
import type { Clock, ClockTimer } from '../../lib/clock.js';

export interface LastUsedTracker {
  /** Records a successful use. `storedAt` is last_used_at as read during authentication. */
  touch(apiKeyId: string, storedAt: string | null): void;
  /** Writes every pending use now and waits for all writes in flight. */
  flush(): Promise<void>;
}

export interface LastUsedTrackerDeps {
  write(apiKeyId: string, at: string): Promise<void>;
  clock: Clock;
  intervalMs: number;
  onError(error: unknown): void;
}

export function createLastUsedTracker({ write, clock, intervalMs, onError }: LastUsedTrackerDeps): LastUsedTracker {
  /** When this node last wrote (or saw written) each key's last_used_at, in ms. */
  const writtenAt = new Map<string, number>();
  /** Uses not yet written (the latest, in ms), with the timer that will write them. */
  const pending = new Map<string, { at: number; timer: ClockTimer }>();
  const inFlight = new Set<Promise<void>>();

  function startWrite(apiKeyId: string, at: number): void {
    writtenAt.set(apiKeyId, at);
    const promise = write(apiKeyId, new Date(at).toISOString())
      .catch(onError)
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }

  function writePending(apiKeyId: string): void {
    const entry = pending.get(apiKeyId);
    if (!entry) return;
    clock.clearTimeout(entry.timer);
    pending.delete(apiKeyId);
    startWrite(apiKeyId, entry.at);
  }

  return {
    touch(apiKeyId, storedAt) {
      const now = clock.now();
      // The common case for a busy key: a write is already queued for the end of the interval, and
      // only the latest time matters (nothing to parse or compare beyond that).
      const entry = pending.get(apiKeyId);
      if (entry) {
        if (now > entry.at) entry.at = now;
        return;
      }
      // What this node wrote is at least as new as what it read back, unless another node wrote since.
      const written = writtenAt.get(apiKeyId);
      const stored = storedAt === null ? -Infinity : Date.parse(storedAt);
      const last = written === undefined ? stored : Math.max(written, stored);
      if (now - last >= intervalMs) {
        startWrite(apiKeyId, now);
        return;
      }
      // Nothing newer than what is already written: no write needed.
      if (now <= last) return;
      const timer = clock.setTimeout(() => writePending(apiKeyId), Math.max(0, last + intervalMs - now));
      // A pending write must not keep the process alive; shutdown flushes it instead.
      timer.unref();
      pending.set(apiKeyId, { at: now, timer });
    },
    async flush() {
      for (const apiKeyId of [...pending.keys()]) writePending(apiKeyId);
      await Promise.all([...inFlight]);
    },
  };
}
