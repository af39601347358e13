import { generateSecret } from '../../../src/shared/key-format.js';
/** Main's handlers (createAppCore.dispatch) against the real server, the real keychain and real files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenAccountOf } from '../../../src/main/secrets/token-vault.js';
import { hashSecret } from '../../../src/shared/key-format.js';
import { meWith, NEW_KEY, waitFor } from '../../helpers/real-core.js';
import { useSignedInCores } from '../../helpers/signed-in-cores.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

describe('main against the real server and keychain', () => {
  const h = useSignedInCores('rakerone-main-');
  const signedIn = () => h.signedIn();

  it('signs in (token in the keychain only), and a key created in main works against the server until revoked', async () => {
    const t = await signedIn();
    expect(t.state).toMatchObject({ status: 'online', profile: { organization: { slug: 'acme' }, person: { role: 'admin' } } });
    // Under the account that binds it to this server (profile id + origin), nowhere else.
    expect(await t.secrets.get(tokenAccountOf(t.state.profile!))).toBe(h.server.adminToken);
    expect(await t.secrets.get(t.state.profile!.id)).toBeNull();

    const created = await t.call('keys:create', { ...NEW_KEY, capabilities: ['data-record:read'] });
    expect(created.queued).toBe(false);
    const asKey = await meWith(h.server.url, created.secret);
    expect(asKey).toMatchObject({ status: 200, body: { kind: 'apiKey', apiKey: { id: created.key.id, name: NEW_KEY.name } } });

    for (const content of filesUnder(t.dir)) {
      expect(content).not.toContain(h.server.adminToken);
      expect(content).not.toContain(created.secret);
      expect(content).not.toContain(hashSecret(created.secret));
    }

    const details = await t.call('keys:details', { id: created.key.id });
    expect(details.auditAvailable).toBe(true);
    expect(details.auditEvents.map((e) => e.action)).toContain('api_key.created');

    const revoked = await t.call('keys:revoke', { id: created.key.id });
    expect(revoked.status).toBe('revoked');
    expect((await meWith(h.server.url, created.secret)).status).toBe(401);
  });

  it('maps real refusals: a manager signs in but the server refuses them the keys, a wrong token is UNAUTHORIZED, a bad URL is VALIDATION', async () => {
    const t = await h.core(h.dir());
    const { token } = await h.server.addPerson('manager');
    expect(await t.raw('connection:connect', { serverUrl: h.server.url, adminToken: token })).toMatchObject({ ok: true, data: { status: 'online' } });
    expect(await t.raw('keys:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { token: realOne } = await h.server.addPerson('admin');
    const mistyped = realOne.slice(0, -7) + (realOne.at(-7) === 'A' ? 'B' : 'A') + realOne.slice(-6);
    expect(await t.raw('connection:connect', { serverUrl: h.server.url, adminToken: mistyped })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('connection:connect', { serverUrl: h.server.url, adminToken: generateSecret('adminToken') })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await t.raw('connection:connect', { serverUrl: 'http://10.0.0.1', adminToken: token })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('creates and rotations that race list refreshes each return the server key, listed once', async () => {
    const t = await signedIn();
    const names = ['Race 1', 'Race 2', 'Race 3', 'Race 4'];
    const created = await Promise.all(
      names.map(async (name) => {
        const [, made] = await Promise.all([t.call('keys:list', {}), t.call('keys:create', { ...NEW_KEY, name }), t.call('keys:list', {})]);
        return made;
      }),
    );
    const rotated = await Promise.all([t.call('keys:list', {}), t.call('keys:rotate', { ...NEW_KEY, name: 'Race 1', oldKeyId: created[0]!.key.id })]);
    const view = await t.call('keys:list', {});
    for (const made of [...created, rotated[1]]) {
      expect(made.queued).toBe(false);
      expect(made.key.pending).toBeNull();
      expect(view.keys.filter((k) => k.hint === made.key.hint).map((k) => k.id)).toEqual([made.key.id]);
      expect((await meWith(h.server.url, made.secret)).status).toBe(200);
    }
  });

  it('rotate then revoke the old key, with the real server as the source of truth', async () => {
    const t = await signedIn();
    const old = await t.call('keys:create', { ...NEW_KEY, name: 'Webhook', canImpersonate: true });
    const rotated = await t.call('keys:rotate', { ...NEW_KEY, name: 'Webhook', canImpersonate: true, oldKeyId: old.key.id });
    expect(rotated.key).toMatchObject({ name: 'Webhook (rotated)', canImpersonate: true, rotatesKeyId: old.key.id });
    expect((await meWith(h.server.url, old.secret)).status).toBe(200);
    await t.call('keys:revoke', { id: old.key.id });
    const view = await t.call('keys:list', {});
    expect(view.source).toBe('server');
    expect(view.keys.find((k) => k.id === old.key.id)?.status).toBe('revoked');
    expect((await meWith(h.server.url, rotated.secret)).status).toBe(200);
  });

  it('server stopped mid-sequence and restarted: queued actions applied exactly once, in order', async () => {
    const t = await signedIn();
    const keep = await t.call('keys:create', { ...NEW_KEY, name: 'Keep' });
    const doomed = await t.call('keys:create', { ...NEW_KEY, name: 'Doomed' });
    await h.server.stop();

    const offlineCreate = await t.call('keys:create', { ...NEW_KEY, name: 'Made offline' });
    expect(offlineCreate).toMatchObject({ queued: true, key: { pending: { action: 'create' } } });
    const cancelled = await t.call('keys:create', { ...NEW_KEY, name: 'Cancelled' });
    await t.call('keys:revoke', { id: cancelled.key.id });
    const pendingRevoke = await t.call('keys:revoke', { id: doomed.key.id });
    expect(pendingRevoke).toMatchObject({ status: 'active', pending: { action: 'revoke' } });
    expect((await t.call('connection:state', {})).status).toBe('offline');
    const cached = await t.call('keys:list', {});
    expect(cached.source).toBe('cache');
    expect(cached.keys.map((k) => k.name)).toEqual(['Made offline', 'Doomed', 'Keep']);

    await h.server.start();
    // Reconnection is detected by the probe (no user action).
    await waitFor(async () => (await t.call('sync:state', {})).pending === 0 && (await t.call('connection:state', {})).status === 'online');
    const view = await t.call('keys:list', {});
    expect(view.source).toBe('server');
    expect(view.keys.map((k) => [k.name, k.status])).toEqual([
      ['Made offline', 'active'],
      ['Doomed', 'revoked'],
      ['Keep', 'active'],
    ]);
    expect((await meWith(h.server.url, offlineCreate.secret)).status).toBe(200);
    expect((await meWith(h.server.url, doomed.secret)).status).toBe(401);
    expect((await meWith(h.server.url, keep.secret)).status).toBe(200);
    expect(t.events.some((e) => e.event === 'keys:changed' && (e.payload as { reason: string }).reason === 'synced')).toBe(true);
  });

  it('restart: the session comes back from profiles + keychain; offline restart opens on the cache', async () => {
    const first = await signedIn();
    await first.call('keys:create', NEW_KEY);
    await first.core.dispose();
    const again = await h.core(first.dir);
    expect((await again.call('connection:state', {})).status).toBe('online');
    await again.core.dispose();
    await h.server.stop();
    const offline = await h.core(first.dir);
    expect((await offline.call('connection:state', {})).status).toBe('offline');
    expect((await offline.call('keys:list', {})).keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
    expect((await offline.call('session:me', {})).kind).toBe('person');
  });

  it('disconnect removes the token from the keychain', async () => {
    const t = await signedIn();
    const id = t.state.profile!.id;
    await t.call('connection:disconnect', {});
    expect(await t.secrets.get(id)).toBeNull();
    expect(await t.secrets.get(tokenAccountOf(t.state.profile!))).toBeNull();
  });
});
