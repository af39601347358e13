/**
 * The activity flags and keys:used-from through main's real core, against the real server, keychain and
 * files: a key 20 days old (the server's clock moved back to create it) used today from this machine and
 * refused once carries both flags after a sync; the young key used beside it carries none;
 * Used from finds both by either form of the loopback address and none for another address.
 */
import { describe, expect, it } from 'vitest';
import { meWith, NEW_KEY, waitFor } from '../../../helpers/real-core.js';
import { useSignedInCores } from '../../../helpers/signed-in-cores.js';

const DAY = 86_400_000;

describe('activity flags and Used from, against the real server', () => {
  const h = useSignedInCores('rakerone-activity-flags-');

  it('Refused requests and New address from one summary; Used from lists the keys of an address', async () => {
    const t = await h.signedIn();
    h.server.setClockOffset(-20 * DAY);
    const established = await t.call('keys:create', { ...NEW_KEY, name: 'Established' });
    h.server.setClockOffset(0);
    const young = await t.call('keys:create', { ...NEW_KEY, name: 'Young' });
    const unused = await t.call('keys:create', { ...NEW_KEY, name: 'Unused' });

    expect((await meWith(h.server.url, established.secret)).status).toBe(200);
    const refused = await fetch(`${h.server.url}/api/admin/api-keys`, { headers: { Authorization: `Bearer ${established.secret}` } });
    expect(refused.status).toBe(403);
    expect((await meWith(h.server.url, young.secret)).status).toBe(200);

    const flagsOf = async (id: string) => (await t.call('keys:list', {})).keys.find((k) => k.id === id)?.flags ?? [];
    await waitFor(async () => {
      await t.call('sync:now', {});
      return (await flagsOf(established.key.id)).length === 2;
    });
    expect(await flagsOf(established.key.id)).toEqual([
      { kind: 'refused-requests', count: 1 },
      { kind: 'new-address', count: 1 },
    ]);
    expect(await flagsOf(young.key.id)).toEqual([]);
    expect((await t.call('keys:list', {})).activityFetchedAt).not.toBeNull();

    for (const address of ['127.0.0.1', '::ffff:127.0.0.1']) {
      const found = await t.call('keys:used-from', { address });
      expect(found.source).toBe('server');
      if (found.source === 'server') {
        expect(found.address).toBe('127.0.0.1');
        expect(new Set(found.keyIds)).toEqual(new Set([established.key.id, young.key.id]));
        expect(found.keyIds).not.toContain(unused.key.id);
      }
    }
    expect(await t.call('keys:used-from', { address: '198.51.100.9' })).toMatchObject({ source: 'server', keyIds: [] });

    // The server gone: the flags stay (cached summary), the lookup says it needs the server.
    await h.server.stop();
    await t.call('sync:now', {});
    expect(await t.call('keys:used-from', { address: '127.0.0.1' })).toEqual({ source: 'offline', address: '127.0.0.1' });
    expect((await flagsOf(established.key.id)).map((f) => f.kind)).toEqual(['refused-requests', 'new-address']);
    await h.server.start();
  });
});
