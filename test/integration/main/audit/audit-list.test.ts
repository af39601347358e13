/** audit:list through main's real composition, against the real server, keychain and files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEW_KEY } from '../../../helpers/real-core.js';
import { useSignedInCores } from '../../../helpers/signed-in-cores.js';

describe('the audit log from main, against the real server', () => {
  const h = useSignedInCores('rakerone-audit-');
  const signedIn = () => h.signedIn();

  it('filters reach the server as it reads them (actions repeated, a key, a time range), and the cache serves offline', async () => {
    const t = await signedIn();
    const made = [];
    for (const name of ['Billing', 'Import', 'Webhooks']) made.push((await t.call('keys:create', { ...NEW_KEY, name })).key);
    await t.call('keys:revoke', { id: made[1]!.id });

    const all = await t.call('audit:list', { filter: {} });
    expect(all.source).toBe('server');
    // The admin's own token was issued (by the server's CLI) when the organization was made.
    expect(all.events.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created', 'api_key.created', 'api_key.created', 'admin_token.issued']);

    const revoked = await t.call('audit:list', { filter: { actions: ['api_key.revoked'] } });
    expect(revoked.events.map((e) => e.target.name)).toEqual(['Import']);
    const twoActions = await t.call('audit:list', { filter: { actions: ['api_key.revoked', 'record.created'] } });
    expect(twoActions.events).toHaveLength(1);
    const byKey = await t.call('audit:list', { filter: { apiKeyId: made[1]!.id } });
    expect(byKey.events.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    const byActor = await t.call('audit:list', { filter: { actorId: h.server.admin.id } });
    expect(byActor.events).toHaveLength(4);
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    expect((await t.call('audit:list', { filter: { from: future } })).events).toHaveLength(0);
    expect((await t.call('audit:list', { filter: { to: future, from: all.events.at(-2)!.occurredAt } })).events).toHaveLength(4);

    await h.server.stop();
    const offline = await t.call('audit:list', { filter: { actions: ['api_key.revoked'] } });
    expect(offline).toMatchObject({ source: 'cache', fetchedAt: all.fetchedAt, olderNotCachedBefore: null });
    expect(offline.events.map((e) => e.target.name)).toEqual(['Import']);
    await h.server.start();

    // The cache file holds events, never a credential.
    const stored = readdirSync(join(t.dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.parentPath.endsWith('audit'))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('Import');
    expect(stored[0]).not.toContain(h.server.adminToken);
    expect(stored[0]).not.toMatch(/rkr_(key|adm)_[0-9A-Za-z]{12,}/);
  });
});
