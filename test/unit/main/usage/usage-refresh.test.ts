import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../src/main/logger.js';
import { createStateStore } from '../../../../src/main/store/state-store.js';
import type { SyncSession } from '../../../../src/main/sync/session-ref.js';
import { createSessionRef } from '../../../../src/main/sync/session-ref.js';
import { createUsageRefresh } from '../../../../src/main/usage/usage-refresh.js';
import type { ApiKeyDto, KeyUsage } from '../../../../src/shared/http/index.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { makeCore } from '../../../helpers/test-core.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

const DAY = 24 * 60 * 60 * 1000;

function serverKey(id: string, now: number, overrides: Partial<ApiKeyDto> = {}): ApiKeyDto {
  return apiKeyDto({
    id,
    name: `Key ${id.slice(-2)}`,
    capabilities: ['data-record:read', 'data-record:write'],
    createdAt: new Date(now - 40 * DAY).toISOString(),
    lastUsedAt: new Date(now - DAY).toISOString(),
    ...overrides,
  });
}

const ID_A = '00000000-0000-4000-8000-0000000000a1';
const ID_B = '00000000-0000-4000-8000-0000000000b2';

describe('key usage through the core', () => {
  it('is fetched after a list sync, again only for a key whose lastUsedAt moved, and serves the flags offline', async () => {
    const t = await makeCore();
    const now = t.clock.now();
    const usedRead: KeyUsage = {
      capabilities: [
        { capability: 'data-record:read', lastUsedAt: new Date(now - DAY).toISOString() },
        { capability: 'data-record:write', lastUsedAt: null },
      ],
      impersonation: { lastUsedAt: null },
    };
    t.server.keys = [serverKey(ID_A, now), serverKey(ID_B, now, { lastUsedAt: null, createdAt: new Date(now - 10 * DAY).toISOString() })];
    t.server.usage.set(ID_A, usedRead);
    await t.connect();
    const usageCalls = () => t.server.requests.filter((r) => r.path.endsWith('/usage')).map((r) => r.path);

    await t.call('keys:list', {});
    await vi.waitFor(() => expect(usageCalls()).toHaveLength(2));
    await vi.waitFor(() => expect(t.events).toContainEqual({ event: 'keys:changed', payload: { reason: 'refreshed' } }));
    const view = await t.call('keys:list', {});
    const a = view.keys.find((k) => k.id === ID_A)!;
    expect(a.flags).toEqual([{ kind: 'unused-permissions', capabilities: ['data-record:write'], impersonation: false }]);
    expect(a.usageFetchedAt).toBe(new Date(now).toISOString());
    expect(view.keys.find((k) => k.id === ID_B)!.flags).toEqual([{ kind: 'never-used' }]);

    // Nothing used since: more list syncs fetch no usage.
    await t.call('sync:now', {});
    await t.call('keys:list', {});
    await t.clock.advance(0);
    expect(usageCalls()).toHaveLength(2);

    // Key A writes with its other permission: its lastUsedAt moves, only it is fetched again.
    t.server.keys[0] = { ...t.server.keys[0]!, lastUsedAt: new Date(now).toISOString() };
    t.server.usage.set(ID_A, { ...usedRead, capabilities: usedRead.capabilities.map((c) => ({ ...c, lastUsedAt: new Date(now).toISOString() })) });
    await t.call('sync:now', {});
    await vi.waitFor(() => expect(usageCalls()).toHaveLength(3));
    expect(usageCalls()[2]).toContain(ID_A);
    await vi.waitFor(async () => expect((await t.call('keys:list', {})).keys.find((k) => k.id === ID_A)!.flags).toEqual([]));

    // Offline: the cached list and usage still give the flags, with when they were fetched.
    t.server.keys[0] = { ...t.server.keys[0]!, capabilities: ['data-record:read', 'data-record:write', 'data-record:delete'] };
    t.server.down = true;
    await t.call('sync:now', {});
    const offline = await t.call('keys:list', {});
    expect(offline.source).toBe('cache');
    expect(offline.keys.find((k) => k.id === ID_B)!.flags).toEqual([{ kind: 'never-used' }]);
    expect(offline.keys.find((k) => k.id === ID_A)!.usageFetchedAt).not.toBeNull();
    const details = await t.call('keys:details', { id: ID_A });
    expect(details.usage).toMatchObject({ current: true, capabilities: [{ capability: 'data-record:read' }, { capability: 'data-record:write' }] });
  });

  it('a key the server answers 404 for is skipped (asked again after the next sync); the others are kept', async () => {
    const t = await makeCore();
    const now = t.clock.now();
    t.server.keys = [serverKey(ID_A, now), serverKey(ID_B, now)];
    await t.connect();
    t.server.failNext = { status: 404, code: 'NOT_FOUND', message: 'API key not found', path: new RegExp(`${ID_A}/usage`), times: 100 };
    await t.call('keys:list', {});
    await vi.waitFor(() => expect(t.server.requests.filter((r) => r.path.endsWith('/usage')).length).toBeGreaterThanOrEqual(2));
    await vi.waitFor(async () => expect((await t.call('keys:details', { id: ID_B })).usage).not.toBeNull());
    expect((await t.call('keys:details', { id: ID_A })).usage).toBeNull();
  });
});

describe('createUsageRefresh', () => {
  it('fetches at most `concurrency` keys at a time and writes the results in one update', async () => {
    const clock = createFakeClock();
    const files = createMemoryFiles();
    const store = createStateStore({ dir: '/data', files, logger: silentLogger, now: () => clock.now() });
    const keys = Array.from({ length: 9 }, (_, i) => serverKey(`00000000-0000-4000-8000-00000000000${i}`, clock.now()));
    await store.update('p1', (s) => ({ ...s, keys }));
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const api = {
      keyUsage: async (): Promise<KeyUsage> => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => release.push(resolve));
        inFlight -= 1;
        return { capabilities: [{ capability: 'data-record:read', lastUsedAt: null }], impersonation: { lastUsedAt: null } };
      },
    };
    const session = createSessionRef();
    session.set({ profileId: 'p1', api: api as unknown as SyncSession['api'] });
    const onChanged = vi.fn();
    const refresh = createUsageRefresh({ store, session, clock, logger: silentLogger, onChanged, concurrency: 3 });
    const done = refresh.request();
    for (let round = 0; round < 9; round++) {
      await vi.waitFor(() => expect(release.length).toBeGreaterThan(0));
      release.shift()!();
    }
    await done;
    expect(most).toBe(3);
    const writesBefore = files.writes;
    expect(Object.keys((await store.read('p1')).usage)).toHaveLength(9);
    expect(onChanged).toHaveBeenCalledTimes(1);
    // A second pass has nothing to fetch and writes nothing.
    await refresh.request();
    expect(files.writes).toBe(writesBefore);
  });
});
