/**
 * Which capabilities each API key exercises, and when it last acted as a person, without turning
 * requests into writes. Called from the authorization hook (plugins/auth.ts) once a key's request is
 * admitted: a few map operations, no I/O, nothing the request waits for.
 *
 * The same rhythm as "last used" (modules/auth/last-used-tracker.ts), per key: the first use after a
 * quiet interval is written at once (so a new key's first use shows right away); uses during the
 * interval are gathered — the latest time per kind — and written together when it ends, in one
 * statement. So a key costs at most one write per interval however many requests it makes and
 * however many capabilities they exercise. `flush()` writes everything pending: it runs on graceful
 * shutdown (Fastify onClose, before the database closes), so no use is lost. The stored times only
 * move forward (KeyUsageRepository.record), so several nodes may write one key in any order.
 */
import type { CapabilitySlug } from '../../../shared/capabilities.js';
import type { Clock, ClockTimer } from '../../lib/clock.js';
import { IMPERSONATION, type UsageEntry, type UsageKind } from './key-usage-repository.js';

export interface KeyUsageTracker {
  /**
   * A request of the key was admitted: to a route requiring `capability` (undefined: none), acting
   * as a person or not. Does nothing when it exercised neither.
   */
  exercised(apiKeyId: string, capability: CapabilitySlug | undefined, impersonating: boolean): void;
  /** Writes every pending use now and waits for all writes in flight. */
  flush(): Promise<void>;
}

export interface KeyUsageTrackerDeps {
  write(apiKeyId: string, entries: readonly UsageEntry[]): Promise<void>;
  clock: Clock;
  intervalMs: number;
  onError(error: unknown): void;
}

/** Latest use per kind, in ms. */
type Uses = Map<UsageKind, number>;

function note(uses: Uses, kind: UsageKind, at: number): void {
  const known = uses.get(kind);
  if (known === undefined || at > known) uses.set(kind, at);
}

export function createKeyUsageTracker({ write, clock, intervalMs, onError }: KeyUsageTrackerDeps): KeyUsageTracker {
  /** When this process last wrote each key's usage, in ms: the start of its current interval. */
  const writtenAt = new Map<string, number>();
  /** Uses not yet written, with the timer that writes them when the key's interval ends. */
  const pending = new Map<string, { uses: Uses; timer: ClockTimer }>();
  const inFlight = new Set<Promise<void>>();

  function startWrite(apiKeyId: string, uses: Uses, now: number): void {
    writtenAt.set(apiKeyId, now);
    const entries = [...uses].map(([kind, at]) => ({ kind, at: new Date(at).toISOString() }));
    const promise = write(apiKeyId, entries)
      .catch(onError)
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }

  function writePending(apiKeyId: string): void {
    const entry = pending.get(apiKeyId);
    if (!entry) return;
    clock.clearTimeout(entry.timer);
    pending.delete(apiKeyId);
    startWrite(apiKeyId, entry.uses, clock.now());
  }

  return {
    exercised(apiKeyId, capability, impersonating) {
      if (capability === undefined && !impersonating) return;
      const now = clock.now();
      // The common case for a busy key: its interval's write is already scheduled; remember the time.
      const entry = pending.get(apiKeyId);
      if (entry) {
        if (capability !== undefined) note(entry.uses, capability, now);
        if (impersonating) note(entry.uses, IMPERSONATION, now);
        return;
      }
      const uses: Uses = new Map();
      if (capability !== undefined) uses.set(capability, now);
      if (impersonating) uses.set(IMPERSONATION, now);
      const written = writtenAt.get(apiKeyId);
      if (written === undefined || now - written >= intervalMs) {
        startWrite(apiKeyId, uses, now);
        return;
      }
      const timer = clock.setTimeout(() => writePending(apiKeyId), Math.max(0, written + intervalMs - now));
      // A pending write must not keep the process alive; shutdown flushes it instead.
      timer.unref();
      pending.set(apiKeyId, { uses, timer });
    },
    async flush() {
      for (const apiKeyId of [...pending.keys()]) writePending(apiKeyId);
      await Promise.all([...inFlight]);
    },
  };
}
