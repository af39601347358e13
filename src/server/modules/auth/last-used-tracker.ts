/**
 * "Last used" of API keys without turning every authenticated read into a write. Per key, at most one
 * database write per interval: the first use after a quiet interval is written at once (so a new key
 * shows "last used" right away), later uses in the interval are remembered and written when the
 * interval ends, with the latest time. `flush()` writes everything pending: it runs on graceful
 * shutdown (Fastify onClose), so no use is lost. The stored value only moves forward (see
 * HOT_SQL.touchApiKey), so several nodes can write in any order.
 */
import type { Clock } from '../../lib/clock.js';

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
  /** Uses not yet written, with the timer that will write them. */
  const pending = new Map<string, { at: Date; timer: NodeJS.Timeout }>();
  const inFlight = new Set<Promise<void>>();

  function startWrite(apiKeyId: string, at: Date): void {
    writtenAt.set(apiKeyId, at.getTime());
    const promise = write(apiKeyId, at.toISOString())
      .catch(onError)
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }

  function writePending(apiKeyId: string): void {
    const entry = pending.get(apiKeyId);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(apiKeyId);
    startWrite(apiKeyId, entry.at);
  }

  return {
    touch(apiKeyId, storedAt) {
      const now = clock.now();
      // What this node wrote is at least as new as what it read back, unless another node wrote since.
      const written = writtenAt.get(apiKeyId);
      const stored = storedAt === null ? -Infinity : Date.parse(storedAt);
      const last = written === undefined ? stored : Math.max(written, stored);
      if (now.getTime() - last >= intervalMs && !pending.has(apiKeyId)) {
        startWrite(apiKeyId, now);
        return;
      }
      const entry = pending.get(apiKeyId);
      // Nothing newer than what is already written (or queued): no write needed.
      if (now.getTime() <= (entry ? entry.at.getTime() : last)) return;
      if (entry) {
        entry.at = now;
        return;
      }
      const timer = setTimeout(() => writePending(apiKeyId), Math.max(0, last + intervalMs - now.getTime()));
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
