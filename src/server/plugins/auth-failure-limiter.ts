/**
 * Rate limit on failed authentication, per client address, shared by every worker and node: after
 * `max` failures within a fixed window of `windowMs`, further failures from that address are answered
 * 429 (with Retry-After) instead of 401 until the window ends. Valid credentials from that address
 * still get in (see plugins/auth.ts): nobody behind the same NAT or proxy can lock an organization
 * out by sending junk. So this limit tells a client to back off; it does not save the lookup (a
 * checksum-valid guess is still looked up once) and it is no defence in itself — 190-bit secrets are.
 *
 * The count lives in the database (table auth_failures, UNLOGGED on PostgreSQL), so N nodes give the
 * same limit as one, not N times it. Only failures touch it: a valid credential never waits for it.
 *
 * An in-memory front keeps failures from costing a write each (issue 18, finding 6):
 * - an address this process knows is over the limit is answered 429 from memory until its window
 *   ends: no write;
 * - a request with no credential, or one the format check refused before any read (nothing was
 *   guessed: a checksum-valid secret is needed to guess), is counted in this process's memory only;
 * - the shared count is written at most `writesPerSecond` times a second per process (a token
 *   bucket); failures beyond that are kept in memory, counted towards the address's limit here at
 *   once, and added to the shared count with that address's next write.
 * So a flood of junk, or of guesses from addresses already told to back off, costs no database
 * write, and a flood from many fresh addresses costs a bounded number.
 */
import { LRUCache } from 'lru-cache';
import type { HotQueries } from '../db/database.js';
import type { Clock } from '../lib/clock.js';

export interface AuthFailureLimits {
  /** Failures allowed per address and window; the next one is refused with 429. */
  max: number;
  windowMs: number;
  /** Writes of the shared count per second and process, at most. Default 100. */
  writesPerSecond?: number;
}

export interface AuthFailureLimiter {
  /**
   * Counts a failed authentication from `address`. Resolves to the seconds the address must wait
   * when it is over the limit (this failure is then answered 429), else 0 (answer 401).
   * `lookedUp: false` for a refusal made before any database read (no or malformed credential).
   */
  recordFailure(address: string, failure?: { lookedUp: boolean }): Promise<number>;
}

/** Every this many failures counted by a process, it deletes the windows that have ended. */
const PRUNE_EVERY = 500;
/** Addresses remembered per process; the least recently failing are forgotten first. */
const ADDRESSES = 100_000;
const DEFAULT_WRITES_PER_SECOND = 100;

/** What this process knows of one address's current window. */
interface Window {
  /** Start of the window this entry counts in (the shared one once a write answered). */
  start: number;
  /** The shared count as last written or read (every process's failures). */
  shared: number;
  /** Failures counted here and not written yet (over the write budget, or in flight). */
  unwritten: number;
  /** Failures without a credential, counted only here. */
  local: number;
  /** Answered 429 from memory until this instant (0: not blocked). */
  blockedUntil: number;
}

export function createAuthFailureLimiter(
  limits: AuthFailureLimits,
  deps: { store: Pick<HotQueries, 'countAuthFailure' | 'pruneAuthFailures'>; clock: Clock; onError(error: unknown): void },
): AuthFailureLimiter {
  const { store, clock, onError } = deps;
  const { max, windowMs } = limits;
  const rate = limits.writesPerSecond ?? DEFAULT_WRITES_PER_SECOND;
  const windows = new LRUCache<string, Window>({ max: ADDRESSES });
  let tokens = rate;
  let refilledAt = clock.now();
  let sincePrune = 0;

  function takeWriteToken(now: number): boolean {
    tokens = Math.min(rate, tokens + ((now - refilledAt) * rate) / 1000);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  const secondsUntil = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000));

  function block(entry: Window, now: number): number {
    entry.blockedUntil = entry.start + windowMs;
    return secondsUntil(entry.blockedUntil, now);
  }

  async function write(address: string, entry: Window, now: number): Promise<number> {
    const increment = entry.unwritten;
    entry.unwritten = 0;
    let counted;
    try {
      counted = await store.countAuthFailure(address, now, windowMs, max, increment);
    } catch (error) {
      entry.unwritten += increment;
      throw error;
    }
    if (++sincePrune >= PRUNE_EVERY) {
      sincePrune = 0;
      store.pruneAuthFailures(now - windowMs).catch(onError);
    }
    // Another process may have started the shared window: follow it (and its count).
    if (counted.windowStart !== entry.start) {
      entry.start = counted.windowStart;
      entry.shared = counted.failures;
    } else {
      entry.shared = Math.max(entry.shared, counted.failures);
    }
    return entry.shared + entry.local > max ? block(entry, now) : 0;
  }

  return {
    async recordFailure(address, failure = { lookedUp: true }) {
      const now = clock.now();
      let entry = windows.get(address);
      if (entry !== undefined && entry.blockedUntil > now) return secondsUntil(entry.blockedUntil, now);
      if (entry === undefined || now >= entry.start + windowMs) {
        entry = { start: now, shared: 0, unwritten: 0, local: 0, blockedUntil: 0 };
        windows.set(address, entry);
      }
      if (!failure.lookedUp) {
        entry.local += 1;
        return entry.shared + entry.unwritten + entry.local > max ? block(entry, now) : 0;
      }
      entry.unwritten += 1;
      if (takeWriteToken(now)) return write(address, entry, now);
      return entry.shared + entry.unwritten + entry.local > max ? block(entry, now) : 0;
    },
  };
}
