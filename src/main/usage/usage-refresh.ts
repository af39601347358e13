/**
 * Fetches and caches each key's usage (GET /admin/api-keys/{id}/usage) after a list sync, for the
 * "Unused permissions" flag and the details drawer, so both work offline from the profile's state.
 *
 * - Only keys the refetch rule picks (refetch-rule.ts): never fetched, or used since the last fetch.
 * - At most `concurrency` requests at a time; a pass stops taking keys at the first sign the server
 *   is gone or refuses the token (the link hears of it through the observed API) and keeps what it got.
 * - One pass at a time: a request while one runs makes it go once more (single flight), so list
 *   syncs piling up never fetch the same key twice in parallel.
 * - All results of a pass are written in one atomic update, which also forgets keys no longer listed.
 *   Each result records the `lastUsedAt` the list showed before the fetch: a use in between makes the
 *   next list differ, and the key is fetched again.
 */
import { AppError } from '../../shared/errors.js';
import type { ApiKeyDto, KeyUsage } from '../../shared/http/index.js';
import { isUnreachable } from '../http/map-error.js';
import type { Clock, Logger } from '../ports.js';
import type { CachedUsage } from '../store/profile-state.js';
import type { StateStore } from '../store/state-store.js';
import type { SessionRef } from '../sync/session-ref.js';
import { createSingleFlight } from '../sync/single-flight.js';
import { keysNeedingUsage, pruneUsage } from './refetch-rule.js';

export const USAGE_CONCURRENCY = 4;

export interface UsageRefresh {
  /** Runs a pass (or joins the next one); resolves when a pass that started after the call is done. */
  request(): Promise<void>;
  stop(): void;
}

export interface UsageRefreshDeps {
  store: StateStore;
  session: SessionRef;
  clock: Clock;
  logger: Logger;
  /** The cache changed: the keys view (its flags) is news. */
  onChanged: () => void;
  concurrency?: number;
}

/** Runs `work` over `items`, `limit` at a time; a worker stops taking items once `work` returns false. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<boolean>): Promise<void> {
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < items.length) {
      const item = items[next++]!;
      if (!(await work(item))) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Whether to go on with the other keys after this one failed. */
function goOnAfter(error: unknown): boolean {
  if (isUnreachable(error)) return false;
  return !(error instanceof AppError && (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN' || error.code === 'RATE_LIMITED'));
}

export function createUsageRefresh(deps: UsageRefreshDeps): UsageRefresh {
  const concurrency = deps.concurrency ?? USAGE_CONCURRENCY;

  async function pass(): Promise<void> {
    const session = deps.session.get();
    if (!session) return;
    const { profileId, api } = session;
    const state = await deps.store.read(profileId);
    const wanted = keysNeedingUsage(state.keys, state.usage);
    const fetched: { key: ApiKeyDto; usage: KeyUsage; fetchedAt: string }[] = [];
    await eachBounded(wanted, concurrency, async (key) => {
      try {
        const usage = await api.keyUsage(key.id);
        fetched.push({ key, usage, fetchedAt: new Date(deps.clock.now()).toISOString() });
        return true;
      } catch (error) {
        // NOT_FOUND: the key is gone (the next list drops it). Others: logged, tried after the next sync.
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) deps.logger.warn('Could not fetch a key’s usage', { keyId: key.id, error });
        return goOnAfter(error);
      }
    });
    // Nothing fetched and nothing to forget: no write (a list refresh every 20 s must not rewrite the file).
    if (fetched.length === 0 && Object.keys(pruneUsage(state.usage, state.keys)).length === Object.keys(state.usage).length) return;
    const changed = await deps.store.transact(profileId, (current) => {
      const usage = pruneUsage(current.usage, current.keys);
      const listed = new Set(current.keys.map((key) => key.id));
      for (const { key, usage: keyUsage, fetchedAt } of fetched) {
        if (!listed.has(key.id)) continue;
        const entry: CachedUsage = { usage: keyUsage, keyLastUsedAt: key.lastUsedAt, fetchedAt };
        usage[key.id] = entry;
      }
      const pruned = Object.keys(usage).length !== Object.keys(current.usage).length;
      return { next: { ...current, usage }, result: fetched.length > 0 || pruned };
    });
    if (changed) deps.onChanged();
  }

  const flight = createSingleFlight({
    run: () => pass().catch((error) => deps.logger.warn('Could not refresh key usage', { error })),
    after: () => undefined,
  });
  return { request: () => flight.request(), stop: () => flight.stop() };
}
