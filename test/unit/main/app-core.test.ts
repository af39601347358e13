import { describe, expect, it } from 'vitest';
import { checkSecret, hashSecret } from '../../../src/shared/key-format.js';
import { makeCore, NEW_KEY, SERVER_URL } from '../../helpers/test-core.js';

describe('createAppCore: sign-in and profiles', () => {
  it('starts disconnected, signs in with an admin token stored only in the keychain', async () => {
    const t = await makeCore();
    expect((await t.call('connection:state', {})).status).toBe('disconnected');
    const state = await t.connect();
    expect(state).toMatchObject({ status: 'online', profile: { serverUrl: SERVER_URL, isLocal: false, organization: { slug: 'acme' } } });
    expect([...t.secrets.entries.values()]).toEqual([t.server.adminToken]);
    for (const content of t.files.data.values()) expect(content).not.toContain(t.server.adminToken);
    expect(JSON.stringify(t.events)).not.toContain(t.server.adminToken);
  });

  it('rejects a malformed token with a field-level error, saving nothing', async () => {
    const t = await makeCore();
    const bad = await t.raw('connection:connect', { serverUrl: SERVER_URL, adminToken: 'rkr_adm_nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'adminToken' }] } } });
    expect(t.secrets.entries.size).toBe(0);
    expect((await t.call('profiles:list', {})).profiles).toEqual([]);
  });

  it('signs in a person of any role: the Admin pages, not sign-in, tell them they have no access', async () => {
    const t = await makeCore();
    t.server.role = 'manager';
    const manager = await t.raw('connection:connect', { serverUrl: SERVER_URL, adminToken: t.server.adminToken });
    expect(manager).toMatchObject({ ok: true, data: { status: 'online', profile: { person: { role: 'manager' } } } });
    expect((await t.call('session:me', {})).kind).toBe('person');
    // The keys page is refused: that is "no access" for the page, not a sync that keeps failing.
    expect(await t.raw('keys:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.call('sync:state', {})).status).toBe('idle');
  });

  it('refuses http:// to anything but this computer', async () => {
    const t = await makeCore();
    const result = await t.raw('connection:connect', { serverUrl: 'http://rakerone.example.com', adminToken: t.server.adminToken });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a locked keychain is a KEYCHAIN error with a hint, and nothing is saved in plaintext', async () => {
    const t = await makeCore();
    t.secrets.fail = 'Cannot create an item in a locked collection';
    const result = await t.raw('connection:connect', { serverUrl: SERVER_URL, adminToken: t.server.adminToken });
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN', details: { hint: expect.stringMatching(/unlock/i) } } });
    for (const content of t.files.data.values()) expect(content).not.toContain(t.server.adminToken);
  });

  it('restores the session on restart from the profile and the keychain', async () => {
    const first = await makeCore();
    await first.connect();
    const second = await makeCore({ server: first.server, files: first.files, secrets: first.secrets });
    expect((await second.call('connection:state', {})).status).toBe('online');
    expect((await second.call('session:me', {})).kind).toBe('person');
  });

  it('a revoked admin token turns the connection unauthorized', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.tokens.clear();
    // The list is a read of the cache: the next sync (here sync:now; in the app, the refresh a list
    // asks for) is what hears the 401, and from then on the list says so too.
    await t.call('sync:now', {});
    expect(await t.raw('keys:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await t.call('connection:state', {})).status).toBe('unauthorized');
  });

  it('disconnect deletes the token from the keychain but keeps the queue for the next sign-in', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    await t.call('keys:create', NEW_KEY);
    const state = await t.call('connection:disconnect', {});
    expect(state.status).toBe('disconnected');
    expect(t.secrets.entries.size).toBe(0);
    t.server.down = false;
    await t.connect();
    await t.call('sync:now', {});
    expect(t.server.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
  });
});

describe('createAppCore: keys online', () => {
  it('creates a key in main: the secret is shown once, only its hash and hint reach the server and the disk', async () => {
    const t = await makeCore();
    await t.connect();
    const created = await t.call('keys:create', NEW_KEY);
    expect(checkSecret(created.secret)).toBe('apiKey');
    expect(created).toMatchObject({ queued: false, clipboardClearSeconds: 60, key: { name: NEW_KEY.name, pending: null, status: 'active' } });
    expect(t.server.keys[0]!.hint).toBe(created.key.hint);
    const create = t.server.requests.find((r) => r.method === 'POST');
    expect(create?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    for (const content of t.files.data.values()) {
      expect(content).not.toContain(created.secret);
      expect(content).not.toContain(hashSecret(created.secret));
    }
    expect(JSON.stringify(t.events)).not.toContain(created.secret);
    const view = await t.call('keys:list', {});
    expect(view.source).toBe('server');
    expect(view.keys.map((k) => k.id)).toEqual([created.key.id]);
  });

  it('keys:list does not announce its own refresh (the renderer would ask for the list again, forever)', async () => {
    const t = await makeCore();
    await t.connect();
    await t.call('keys:create', NEW_KEY);
    await t.call('keys:list', {});
    t.events.length = 0;
    for (let i = 0; i < 3; i++) await t.call('keys:list', {});
    expect(t.events.filter((e) => e.event === 'keys:changed')).toEqual([]);
    expect(t.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/admin/api-keys'))).not.toHaveLength(0);
  });

  it('while a retry is scheduled, the list refresh leaves the queue to it (no resend before the backoff)', async () => {
    const t = await makeCore();
    await t.connect();
    // Overloaded (still online): the create stays queued, and a retry with backoff is scheduled.
    t.server.failNext = { status: 503, code: 'INTERNAL', message: 'Overloaded', path: /api-keys$/, times: 3 };
    expect(await t.call('keys:create', NEW_KEY)).toMatchObject({ queued: true });
    const posts = () => t.server.requests.filter((r) => r.method === 'POST').length;
    const before = posts();
    t.events.length = 0;
    for (let i = 0; i < 3; i++) {
      const view = await t.call('keys:list', {});
      expect(view).toMatchObject({ source: 'server', keys: [{ pending: { action: 'create', state: 'queued' } }] });
    }
    expect(posts()).toBe(before);
    expect(t.events.filter((e) => e.event === 'keys:changed')).toEqual([]);
    expect(await t.call('sync:state', {})).toMatchObject({ status: 'error', pending: 1, nextRetryAt: expect.any(String) });

    await t.clock.advance(120_000);
    expect(t.server.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
    expect(t.events.some((e) => e.event === 'keys:changed' && (e.payload as { reason: string }).reason === 'synced')).toBe(true);
    expect(await t.call('sync:state', {})).toMatchObject({ status: 'idle', pending: 0, nextRetryAt: null });
  });

  it("one profile's failing sync is not reported on another's", async () => {
    const t = await makeCore();
    await t.connect();
    t.server.failNext = { status: 503, code: 'INTERNAL', message: 'Overloaded', path: /api-keys$/, times: 3 };
    await t.call('keys:create', NEW_KEY);
    expect(await t.call('sync:state', {})).toMatchObject({ status: 'error', nextRetryAt: expect.any(String) });
    await t.call('connection:connect', { serverUrl: 'https://other.rakerone.test', adminToken: t.server.adminToken });
    expect(await t.call('sync:state', {})).toMatchObject({ status: 'idle', nextRetryAt: null });
  });

  it('list calls that pile up behind a drain share one fresh drain', async () => {
    const t = await makeCore();
    await t.connect();
    await t.call('sync:now', {}); // let the drain that signing in started finish
    const lists = () => t.server.requests.filter((r) => r.method === 'GET' && r.path === '/admin/api-keys').length;
    const before = lists();
    // One drain under way, then five list calls while it runs: one more drain serves all five.
    const first = t.call('sync:now', {});
    const views = await Promise.all(Array.from({ length: 5 }, () => t.call('keys:list', {})));
    await first;
    expect(views.every((v) => v.source === 'server')).toBe(true);
    expect(lists() - before).toBe(2);
  });

  it('server refusals of an interactive create come back to the dialog and leave no failed entry', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.failNext = { status: 409, code: 'CONFLICT', message: 'A key with this name exists', path: /api-keys$/ };
    const result = await t.raw('keys:create', NEW_KEY);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'A key with this name exists' } });
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('revokes a key and keeps revoke idempotent', async () => {
    const t = await makeCore();
    await t.connect();
    const { key } = await t.call('keys:create', NEW_KEY);
    const revoked = await t.call('keys:revoke', { id: key.id });
    expect(revoked).toMatchObject({ id: key.id, status: 'revoked', pending: null });
    expect(await t.call('keys:revoke', { id: key.id })).toMatchObject({ status: 'revoked' });
    expect(t.server.keys[0]!.status).toBe('revoked');
  });

  it('rotates: same capabilities and flag, " (rotated)" name, old key untouched until revoked', async () => {
    const t = await makeCore();
    await t.connect();
    const { key: old } = await t.call('keys:create', { ...NEW_KEY, canImpersonate: true });
    const rotated = await t.call('keys:rotate', { ...NEW_KEY, canImpersonate: true, oldKeyId: old.id });
    expect(rotated.key).toMatchObject({ name: `${NEW_KEY.name} (rotated)`, canImpersonate: true, rotatesKeyId: old.id, capabilities: NEW_KEY.capabilities });
    const view = await t.call('keys:list', {});
    expect(view.keys.find((k) => k.id === old.id)?.status).toBe('active');
    expect(view.keys.find((k) => k.id === rotated.key.id)?.rotatesKeyId).toBe(old.id);
    const renamed = await t.call('keys:rotate', { ...NEW_KEY, name: 'Importer v2', oldKeyId: old.id });
    expect(renamed.key.name).toBe('Importer v2');
  });

  it('key details carry the audit events of that key', async () => {
    const t = await makeCore();
    await t.connect();
    const { key } = await t.call('keys:create', NEW_KEY);
    t.server.audit.push({
      id: '33333333-3333-4333-8333-333333333333',
      occurredAt: new Date().toISOString(),
      action: 'api_key.created',
      actor: { type: 'person', id: 'p', name: 'Ada', viaKey: null },
      target: { type: 'apiKey', id: key.id, name: key.name },
      details: null,
    });
    const details = await t.call('keys:details', { id: key.id });
    expect(details).toMatchObject({ auditAvailable: true, auditEvents: [{ action: 'api_key.created' }] });
  });

  it('serves the capability catalog with the server down too', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    expect((await t.call('catalog:capabilities', {})).items).toHaveLength(22);
  });
});

describe('createAppCore: RAKERONE_URL', () => {
  it('opens the saved profile of the preferred server at boot', async () => {
    const first = await makeCore();
    await first.connect();
    await first.call('connection:disconnect', {});
    await first.connect();
    const other = await first.call('profiles:list', {});
    expect(other.activeId).not.toBeNull();
    await first.core.dispose();
    // Point the active profile elsewhere, then boot with RAKERONE_URL naming the saved one.
    const files = first.files;
    const path = [...files.data.keys()].find((p) => p.endsWith('profiles.json'))!;
    const doc = JSON.parse(files.data.get(path)!);
    doc.data.activeId = null;
    files.data.set(path, JSON.stringify(doc));
    const second = await makeCore({ server: first.server, files, secrets: first.secrets, deps: { preferredServerUrl: `${SERVER_URL}/` } });
    expect(await second.call('connection:state', {})).toMatchObject({ status: 'online', profile: { serverUrl: SERVER_URL } });
  });
});
