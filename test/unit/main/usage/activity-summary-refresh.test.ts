import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../src/main/logger.js';
import { createStateStore } from '../../../../src/main/store/state-store.js';
import { createSessionRef, type SyncSession } from '../../../../src/main/sync/session-ref.js';
import { createActivitySummaryRefresh, SUMMARY_REWRITE_AFTER_MS } from '../../../../src/main/usage/activity-summary-refresh.js';
import type { ActivitySummary, ApiKeyDto } from '../../../../src/shared/http/index.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';
import { makeCore } from '../../../helpers/test-core.js';

const DAY = 24 * 60 * 60 * 1000;
const ID_OLD = '00000000-0000-4000-8000-0000000000a1';
const ID_YOUNG = '00000000-0000-4000-8000-0000000000b2';

function serverKey(id: string, now: number, ageDays: number): ApiKeyDto {
  return {
    id,
    name: `Key ${id.slice(-2)}`,
    capabilities: ['data-record:read'],
    canImpersonate: false,
    hint: 'rkr_key_…ABCD',
    createdAt: new Date(now - ageDays * DAY).toISOString(),
    createdBy: null,
    lastUsedAt: new Date(now - DAY).toISOString(),
    status: 'active',
    revokedAt: null,
    expiresAt: null,
    scheduledRevocation: null,
    suspension: null,
    allowedAddresses: null,
  };
}

describe('the activity summary through the core', () => {
  it('is fetched once (days=7) after a list sync, raises the flags, and serves them offline with its fetch time', async () => {
    const t = await makeCore();
    const now = t.clock.now();
    t.server.keys = [serverKey(ID_OLD, now, 20), serverKey(ID_YOUNG, now, 5)];
    t.server.activitySummary = [
      { apiKeyId: ID_OLD, requests: 12, refused: 3, newAddresses: 1 },
      { apiKeyId: ID_YOUNG, requests: 4, refused: 0, newAddresses: 2 },
    ];
    await t.connect();
    const summaryCalls = () => t.server.requests.filter((r) => r.path === '/admin/api-keys/activity-summary');

    await t.call('keys:list', {});
    await vi.waitFor(() => expect(summaryCalls().length).toBeGreaterThanOrEqual(1));
    await vi.waitFor(async () => expect((await t.call('keys:list', {})).activityFetchedAt).toBe(new Date(now).toISOString()));
    const view = await t.call('keys:list', {});
    expect(view.keys.find((k) => k.id === ID_OLD)!.flags).toEqual([
      { kind: 'refused-requests', count: 3 },
      { kind: 'new-address', count: 1 },
    ]);
    // Five days old: its new addresses are its deployment, not news.
    expect(view.keys.find((k) => k.id === ID_YOUNG)!.flags).toEqual([]);
    expect(t.events).toContainEqual({ event: 'keys:changed', payload: { reason: 'refreshed' } });

    // Offline: no call reaches the server, the cached summary still gives the flags and says when it was fetched.
    t.server.down = true;
    await t.clock.advance(10 * 60_000);
    await t.call('sync:now', {});
    const offline = await t.call('keys:list', {});
    expect(offline.source).toBe('cache');
    expect(offline.activityFetchedAt).toBe(new Date(now).toISOString());
    expect(offline.keys.find((k) => k.id === ID_OLD)!.flags.map((f) => f.kind)).toEqual(['refused-requests', 'new-address']);
  });

  it('keeps the cached summary when the call fails, and says nothing new', async () => {
    const t = await makeCore();
    const now = t.clock.now();
    t.server.keys = [serverKey(ID_OLD, now, 20)];
    t.server.activitySummary = [{ apiKeyId: ID_OLD, requests: 1, refused: 1, newAddresses: 0 }];
    await t.connect();
    await t.call('keys:list', {});
    await vi.waitFor(async () => expect((await t.call('keys:list', {})).keys[0]!.flags).toEqual([{ kind: 'refused-requests', count: 1 }]));
    t.server.activitySummary = [];
    t.server.failNext = { status: 500, code: 'INTERNAL', message: 'boom', path: /activity-summary/, times: 10 };
    await t.clock.advance(2 * SUMMARY_REWRITE_AFTER_MS);
    const asked = t.server.requests.filter((r) => r.path === '/admin/api-keys/activity-summary').length;
    await t.call('sync:now', {});
    await vi.waitFor(() => expect(t.server.requests.filter((r) => r.path === '/admin/api-keys/activity-summary').length).toBeGreaterThan(asked));
    await t.clock.advance(0);
    expect((await t.call('keys:list', {})).keys[0]!.flags).toEqual([{ kind: 'refused-requests', count: 1 }]);
  });
});

describe('createActivitySummaryRefresh', () => {
  async function setUp(answer: () => ActivitySummary) {
    const clock = createFakeClock();
    const files = createMemoryFiles();
    const store = createStateStore({ dir: '/data', files, logger: silentLogger, now: () => clock.now() });
    const asked: number[] = [];
    const api = {
      activitySummary: async (days: number) => {
        asked.push(days);
        return answer();
      },
    };
    const session = createSessionRef();
    session.set({ profileId: 'p1', api: api as unknown as SyncSession['api'] });
    const onChanged = vi.fn();
    const refresh = createActivitySummaryRefresh({ store, session, clock, logger: silentLogger, onChanged });
    return { clock, files, store, asked, onChanged, refresh };
  }

  it('announces changed counts only, and rewrites an unchanged answer at most once a minute (its fetch time)', async () => {
    let summary: ActivitySummary = { keys: [{ apiKeyId: ID_OLD, requests: 2, refused: 0, newAddresses: 1 }] };
    const t = await setUp(() => summary);
    await t.refresh.request();
    expect(t.asked).toEqual([7]);
    expect(t.onChanged).toHaveBeenCalledTimes(1);
    const first = (await t.store.read('p1')).activitySummary!;
    expect(first).toEqual({ days: 7, keys: { [ID_OLD]: { requests: 2, refused: 0, newAddresses: 1 } }, fetchedAt: new Date(t.clock.now()).toISOString() });

    // The same answer 20 s later: no write, no news.
    const writes = t.files.writes;
    await t.clock.advance(20_000);
    await t.refresh.request();
    expect(t.files.writes).toBe(writes);
    expect(t.onChanged).toHaveBeenCalledTimes(1);

    // The same answer a minute after the stored one: its fetch time moves (one write), still no news.
    await t.clock.advance(SUMMARY_REWRITE_AFTER_MS);
    await t.refresh.request();
    expect(t.files.writes).toBe(writes + 1);
    expect((await t.store.read('p1')).activitySummary!.fetchedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(t.onChanged).toHaveBeenCalledTimes(1);

    // New counts: written and announced at once.
    summary = { keys: [{ apiKeyId: ID_OLD, requests: 2, refused: 1, newAddresses: 1 }] };
    await t.clock.advance(1_000);
    await t.refresh.request();
    expect(t.onChanged).toHaveBeenCalledTimes(2);
    expect((await t.store.read('p1')).activitySummary!.keys[ID_OLD]!.refused).toBe(1);
  });

  it('without a session it asks nothing', async () => {
    const t = await setUp(() => ({ keys: [] }));
    const session = createSessionRef();
    const refresh = createActivitySummaryRefresh({ store: t.store, session, clock: t.clock, logger: silentLogger, onChanged: t.onChanged });
    await refresh.request();
    expect(t.asked).toEqual([]);
  });
});
