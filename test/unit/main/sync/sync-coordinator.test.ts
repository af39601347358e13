import { describe, expect, it } from 'vitest';
import { makeCore, NEW_KEY } from '../../../helpers/test-core.js';

async function offlineCore() {
  const t = await makeCore();
  await t.connect();
  t.server.down = true;
  return t;
}

describe('offline first', () => {
  it('opens on the cached list when the server is unreachable, saying it is the cache', async () => {
    const first = await makeCore();
    await first.connect();
    await first.call('keys:create', NEW_KEY);
    first.server.down = true;
    const second = await makeCore({ server: first.server, files: first.files, secrets: first.secrets });
    expect((await second.call('connection:state', {})).status).toBe('offline');
    const view = await second.call('keys:list', {});
    expect(view.source).toBe('cache');
    expect(view.syncedAt).not.toBeNull();
    expect(view.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
  });

  it('queues create, revoke and rotate offline as pending rows, then drains them in order when the server is back', async () => {
    const t = await makeCore();
    await t.connect();
    const { key: existing } = await t.call('keys:create', { ...NEW_KEY, name: 'Old' });
    t.server.down = true;
    await t.call('keys:list', {});
    await t.clock.advance(0); // the refresh the list asked for finds the server gone
    expect((await t.call('connection:state', {})).status).toBe('offline');

    const created = await t.call('keys:create', NEW_KEY);
    expect(created).toMatchObject({ queued: true, key: { pending: { action: 'create', state: 'queued' } } });
    const revoked = await t.call('keys:revoke', { id: existing.id });
    expect(revoked).toMatchObject({ status: 'active', pending: { action: 'revoke', state: 'queued' } });
    const rotated = await t.call('keys:rotate', { ...NEW_KEY, oldKeyId: created.key.id });
    expect(rotated.key).toMatchObject({ name: `${NEW_KEY.name} (rotated)`, rotatesKeyId: created.key.id, pending: { action: 'create' } });
    expect((await t.call('sync:state', {})).pending).toBe(3);

    t.server.down = false;
    const posts = () => t.server.requests.filter((r) => r.method === 'POST').map((r) => r.path);
    const before = posts().length;
    await t.clock.advance(60_000);
    expect(posts().slice(before)).toEqual(['/admin/api-keys', `/admin/api-keys/${existing.id}/revoke`, '/admin/api-keys']);
    expect((await t.call('connection:state', {})).status).toBe('online');
    const view = await t.call('keys:list', {});
    expect(view.source).toBe('server');
    expect(view.keys.every((k) => k.pending === null)).toBe(true);
    const newKey = view.keys.find((k) => k.name === NEW_KEY.name)!;
    expect(view.keys.find((k) => k.name.endsWith('(rotated)'))?.rotatesKeyId).toBe(newKey.id);
    expect(view.keys.find((k) => k.id === existing.id)?.status).toBe('revoked');
    expect(t.events.some((e) => e.event === 'keys:changed' && (e.payload as { reason: string }).reason === 'synced')).toBe(true);
  });

  it('revoking a key whose create is still queued cancels the create', async () => {
    const t = await offlineCore();
    const created = await t.call('keys:create', NEW_KEY);
    const revoked = await t.call('keys:revoke', { id: created.key.id });
    expect(revoked).toMatchObject({ status: 'revoked', pending: null });
    expect((await t.call('keys:list', {})).keys).toEqual([]);
    t.server.down = false;
    await t.call('sync:now', {});
    expect(t.server.keys).toEqual([]);
  });

  it('a revoke made while its create is on the wire is queued behind it and applied to the server id', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    t.server.down = false;
    let revoking: Promise<unknown> | null = null;
    t.server.beforeApply = () => {
      t.server.beforeApply = null;
      revoking = t.call('keys:revoke', { id: created.key.id });
    };
    await t.call('sync:now', {});
    await revoking;
    await t.call('sync:now', {});
    expect(t.server.keys).toHaveLength(1);
    expect(t.server.keys[0]!.status).toBe('revoked');
  });

  it('keeps permanent refusals as failed until dismissed; only failed ones can be dismissed', async () => {
    const t = await offlineCore();
    const created = await t.call('keys:create', NEW_KEY);
    t.server.down = false;
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Missing capability', path: /api-keys$/ };
    const state = await t.call('sync:now', {});
    expect(state.failed).toMatchObject([{ action: 'create', state: 'failed', keyName: NEW_KEY.name, error: { code: 'FORBIDDEN' } }]);
    expect((await t.call('keys:list', {})).keys[0]).toMatchObject({ id: created.key.id, pending: { state: 'failed' } });
    await t.call('sync:now', {});
    expect(t.server.keys).toEqual([]);
    const after = await t.call('outbox:dismiss', { outboxId: state.failed[0]!.outboxId });
    expect(after.failed).toEqual([]);
    expect((await t.call('keys:list', {})).keys).toEqual([]);
    const missing = await t.raw('outbox:dismiss', { outboxId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a queued entry cannot be dismissed', async () => {
    const t = await offlineCore();
    await t.call('keys:create', NEW_KEY);
    const file = [...t.files.data.entries()].find(([path]) => path.includes('/state/'))![1];
    const outboxId = JSON.parse(file).data.outbox[0].id as string;
    expect(await t.raw('outbox:dismiss', { outboxId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('transient answers (503) keep the entry queued and retry with backoff', async () => {
    const t = await offlineCore();
    await t.call('keys:create', NEW_KEY);
    t.server.down = false;
    // Three answers of 503: the client's own retries (3 attempts) all fail, so the engine backs off.
    t.server.failNext = { status: 503, code: 'INTERNAL', message: 'Overloaded', path: /api-keys$/, times: 3 };
    const state = await t.call('sync:now', {});
    expect(state).toMatchObject({ pending: 1, status: 'error' });
    expect(state.nextRetryAt).not.toBeNull();
    await t.clock.advance(120_000);
    expect(t.server.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
    expect((await t.call('sync:state', {})).pending).toBe(0);
  });

  it('a 429 with Retry-After: the next sync waits at least that long (not the shorter backoff)', async () => {
    const t = await offlineCore();
    await t.call('keys:create', NEW_KEY);
    t.server.down = false;
    t.server.failNext = { status: 429, code: 'RATE_LIMITED', message: 'Slow down', path: /api-keys$/, details: { retryAfterSeconds: 120 } };
    const state = await t.call('sync:now', {});
    expect(state.pending).toBe(1);
    expect(Date.parse(state.nextRetryAt!) - t.clock.now()).toBeGreaterThanOrEqual(120_000);
    await t.clock.advance(60_000);
    expect(t.server.keys).toHaveLength(0);
    await t.clock.advance(61_000);
    expect(t.server.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
  });

  it('server stopped mid-sequence and restarted: every queued action applied exactly once', async () => {
    const t = await offlineCore();
    for (let i = 0; i < 6; i++) await t.call('keys:create', { ...NEW_KEY, name: `Key ${i}` });
    t.server.down = false;
    let applied = 0;
    t.server.afterApply = () => {
      applied += 1;
      if (applied === 3) t.server.down = true; // the answer to the 3rd create never arrives
    };
    await t.call('sync:now', {});
    expect((await t.call('connection:state', {})).status).toBe('offline');
    t.server.afterApply = null;
    t.server.down = false;
    await t.clock.advance(120_000);
    expect(t.server.keys.map((k) => k.name).sort()).toEqual(['Key 0', 'Key 1', 'Key 2', 'Key 3', 'Key 4', 'Key 5']);
    expect((await t.call('sync:state', {})).pending).toBe(0);
    const names = (await t.call('keys:list', {})).keys.map((k) => k.name);
    expect(names).toHaveLength(6);
  });

  it('probes the server (not the OS flag) while offline, with growing intervals', async () => {
    const t = await offlineCore();
    await t.call('keys:list', {});
    await t.clock.advance(0); // the refresh the list asked for finds the server gone
    const healthCount = () => t.server.requests.filter((r) => r.path === '/health').length;
    const start = healthCount();
    await t.clock.advance(10_000);
    const early = healthCount() - start;
    await t.clock.advance(60_000);
    const later = healthCount() - start - early;
    expect(early).toBeGreaterThanOrEqual(2);
    expect(later).toBeLessThan(early * 6);
    t.server.down = false;
    await t.clock.advance(31_000);
    expect((await t.call('connection:state', {})).status).toBe('online');
  });

  it('an unreadable state file is kept aside and reported (persisting across restarts) until dismissed', async () => {
    const first = await offlineCore();
    await first.call('keys:create', NEW_KEY);
    const statePath = [...first.files.data.keys()].find((path) => /\/state\/[^/]+\.json$/.test(path))!;
    const torn = first.files.data.get(statePath)!.slice(0, 40);
    first.files.data.set(statePath, torn);

    const second = await makeCore({ server: first.server, files: first.files, secrets: first.secrets });
    const state = await second.call('sync:state', {});
    expect(state.unreadable).toMatchObject({ keptAs: expect.stringMatching(/\.unreadable-\d+$/), at: expect.any(String) });
    expect(second.files.data.get(state.unreadable!.keptAs)).toBe(torn);
    expect(state.pending).toBe(0);

    // Still there after another restart, even with nothing else written in between.
    const third = await makeCore({ server: first.server, files: first.files, secrets: first.secrets });
    expect((await third.call('sync:state', {})).unreadable).toEqual(state.unreadable);
    expect((await third.call('outbox:dismiss-unreadable', {})).unreadable).toBeNull();
    const fourth = await makeCore({ server: first.server, files: first.files, secrets: first.secrets });
    expect((await fourth.call('sync:state', {})).unreadable).toBeNull();
    // The file itself stays aside for whoever wants to look at it.
    expect(fourth.files.data.get(state.unreadable!.keptAs)).toBe(torn);
  });

  it('a lost profiles file loses no queue: signing in to the same organization resumes it', async () => {
    const first = await offlineCore();
    await first.call('keys:create', NEW_KEY);
    const profilesPath = [...first.files.data.keys()].find((path) => path.endsWith('/profiles.json'))!;
    first.files.data.set(profilesPath, '{"version":1,"data":{"activeId":');

    first.server.down = false;
    const second = await makeCore({ server: first.server, files: first.files, secrets: first.secrets });
    expect((await second.call('connection:state', {})).status).toBe('disconnected');
    await second.connect();
    const view = await second.call('keys:list', {});
    expect(view.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
    expect(first.server.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
    expect((await second.call('sync:state', {})).pending).toBe(0);
  });
});
