/**
 * Counts each key's requests, refusals and sources in memory and writes them coalesced, like "last
 * used" (modules/auth/last-used-tracker.ts): the request path only does a few map operations.
 *
 * Per key, a write happens at once for the first request (admitted or refused) of the key on a UTC
 * day, for its first refusal of the day, and for a new source (address, user agent) — so a new day,
 * a refusal and a new address show up promptly — and otherwise at most once per interval, carrying
 * everything gathered since. Writes are additive (activity-repository.ts), so several processes and
 * nodes counting one key add up exactly. `flush()` writes everything pending: graceful shutdown runs
 * it before the database closes.
 *
 * Memory is bounded: at most 100 sources per key and day are tracked (the stored cap; further new
 * pairs count in the totals only), raw header values that normalize to a known source are remembered
 * up to a bound, and keys with nothing pending are forgotten when many are tracked (what is forgotten
 * is only which writes would be prompt).
 */
import { ACTIVITY_SOURCES_PER_DAY } from '../../../shared/http/activity.js';
import { normalizeIpAddress } from '../../../shared/ip-address.js';
import type { Clock, ClockTimer } from '../../lib/clock.js';
import type { DayDelta } from './activity-repository.js';
import { cleanUserAgent } from './client-source.js';
import { DAY_MS, dayOf, dayStartOf } from './utc-days.js';

export interface ActivityTracker {
  /** A request with this key was admitted. `address` is request.ip (raw), `userAgent` the raw header. */
  admitted(apiKeyId: string, address: string | undefined, userAgent: string | undefined): void;
  /** A request that presented this key was refused (any reason). */
  refused(apiKeyId: string): void;
  /** Writes everything pending now and waits for every write in flight. */
  flush(): Promise<void>;
  /** Keys whose day this process tracks (for tests and diagnostics). */
  trackedKeys(): number;
}

export interface ActivityTrackerDeps {
  write(apiKeyId: string, delta: DayDelta): Promise<void>;
  clock: Clock;
  intervalMs: number;
  onError(error: unknown): void;
  /** Keys tracked before those with nothing pending are forgotten. Default 10,000. */
  maxKeys?: number;
}

interface Source {
  address: string;
  userAgent: string | null;
  /** Requests since the last write, and their first and last time (ms). */
  requests: number;
  firstMs: number;
  lastMs: number;
}

/** One key on one UTC day, as this process knows it. */
interface KeyDay {
  day: string;
  dayEnd: number;
  requests: number;
  refused: number;
  /** Sources by normalized pair (`address\nuserAgent`): the day's known sources, at most 100. */
  sources: Map<string, Source>;
  /** Raw (address → user agent → source), so a known client costs no normalization. */
  raw: Map<string, Map<string, Source>>;
  rawCount: number;
  written: boolean;
  refusalWritten: boolean;
  timer: ClockTimer | null;
  /** When this process last wrote the key (ms): the start of its interval. */
  lastWriteMs: number;
}

/** Raw header variants remembered per key and day (beyond: normalized on each request). */
const RAW_MAX = 4 * ACTIVITY_SOURCES_PER_DAY;
/** Raw user agents longer than this are looked up by their first this-many characters. */
const RAW_UA_KEY = 1024;

export function createActivityTracker({ write, clock, intervalMs, onError, maxKeys = 10_000 }: ActivityTrackerDeps): ActivityTracker {
  const keys = new Map<string, KeyDay>();
  const inFlight = new Set<Promise<void>>();

  function pending(state: KeyDay): boolean {
    return state.requests > 0 || state.refused > 0;
  }

  function writeNow(apiKeyId: string, state: KeyDay, now: number): void {
    if (state.timer) clock.clearTimeout(state.timer);
    state.timer = null;
    if (!pending(state)) return;
    const sources = [];
    for (const source of state.sources.values()) {
      if (source.requests === 0) continue;
      sources.push({
        address: source.address,
        userAgent: source.userAgent,
        requests: source.requests,
        firstSeenAt: new Date(source.firstMs).toISOString(),
        lastSeenAt: new Date(source.lastMs).toISOString(),
      });
      source.requests = 0;
    }
    const delta: DayDelta = { day: state.day, requests: state.requests, refused: state.refused, sources };
    state.written = true;
    if (state.refused > 0) state.refusalWritten = true;
    state.requests = 0;
    state.refused = 0;
    state.lastWriteMs = now;
    const promise = write(apiKeyId, delta)
      .catch(onError)
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }

  function later(apiKeyId: string, state: KeyDay, now: number): void {
    if (state.timer) return;
    if (now - state.lastWriteMs >= intervalMs) {
      writeNow(apiKeyId, state, now);
      return;
    }
    state.timer = clock.setTimeout(() => writeNow(apiKeyId, state, clock.now()), state.lastWriteMs + intervalMs - now);
    // A pending write must not keep the process alive; shutdown flushes it instead.
    state.timer.unref();
  }

  /** Size at which makeRoom looks again (after a pass that found too few idle keys, not at once). */
  let roomCheckAt = maxKeys;

  /** Keys with nothing pending are forgotten once too many are tracked (only promptness is lost). */
  function makeRoom(): void {
    if (keys.size < roomCheckAt) return;
    for (const [id, state] of keys) {
      if (!pending(state) && !state.timer) keys.delete(id);
      if (keys.size < maxKeys * 0.9) break;
    }
    // Everything left has a write pending: let the map grow a little before scanning it again.
    roomCheckAt = Math.max(maxKeys, keys.size + Math.ceil(maxKeys / 10));
  }

  /** The key's state for the day containing `now`; a previous day's pending counts are written first. */
  function stateOf(apiKeyId: string, now: number): KeyDay {
    const state = keys.get(apiKeyId);
    if (state && now < state.dayEnd) return state;
    let lastWriteMs = -Infinity;
    if (state) {
      writeNow(apiKeyId, state, now);
      lastWriteMs = state.lastWriteMs;
    } else {
      makeRoom();
    }
    const start = dayStartOf(now);
    const fresh: KeyDay = {
      day: dayOf(now),
      dayEnd: start + DAY_MS,
      requests: 0,
      refused: 0,
      sources: new Map(),
      raw: new Map(),
      rawCount: 0,
      written: false,
      refusalWritten: false,
      timer: null,
      lastWriteMs,
    };
    keys.set(apiKeyId, fresh);
    return fresh;
  }

  /** The source of this raw pair: known, newly added (`added`), or null (no address, or the day is full). */
  function sourceOf(state: KeyDay, rawAddress: string, rawUserAgent: string): { source: Source; added: boolean } | null {
    const address = normalizeIpAddress(rawAddress);
    if (address === null) return null;
    const userAgent = cleanUserAgent(rawUserAgent === '' ? undefined : rawUserAgent);
    const pair = `${address}\n${userAgent ?? ''}`;
    let source = state.sources.get(pair);
    let added = false;
    if (!source) {
      if (state.sources.size >= ACTIVITY_SOURCES_PER_DAY) return null;
      source = { address, userAgent, requests: 0, firstMs: 0, lastMs: 0 };
      state.sources.set(pair, source);
      added = true;
    }
    if (state.rawCount < RAW_MAX) {
      let byAgent = state.raw.get(rawAddress);
      if (!byAgent) state.raw.set(rawAddress, (byAgent = new Map()));
      byAgent.set(rawUserAgent, source);
      state.rawCount++;
    }
    return { source, added };
  }

  return {
    admitted(apiKeyId, address, userAgent) {
      const now = clock.now();
      const state = stateOf(apiKeyId, now);
      state.requests++;
      let prompt = !state.written;
      if (address !== undefined) {
        const agentKey = userAgent === undefined ? '' : userAgent.length > RAW_UA_KEY ? userAgent.slice(0, RAW_UA_KEY) : userAgent;
        let source = state.raw.get(address)?.get(agentKey);
        if (!source) {
          const found = sourceOf(state, address, agentKey);
          source = found?.source;
          if (found?.added) prompt = true;
        }
        if (source) {
          if (source.requests === 0) source.firstMs = now;
          source.requests++;
          source.lastMs = now;
        }
      }
      if (prompt) writeNow(apiKeyId, state, now);
      else later(apiKeyId, state, now);
    },

    refused(apiKeyId) {
      const now = clock.now();
      const state = stateOf(apiKeyId, now);
      state.refused++;
      if (!state.written || !state.refusalWritten) writeNow(apiKeyId, state, now);
      else later(apiKeyId, state, now);
    },

    async flush() {
      const now = clock.now();
      for (const [id, state] of keys) writeNow(id, state, now);
      await Promise.all([...inFlight]);
    },

    trackedKeys: () => keys.size,
  };
}
