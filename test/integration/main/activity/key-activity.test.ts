/** keys:activity through main's real core against the real server: counts, sources, a refusal, and the offline answer kept on disk. */
import { describe, expect, it } from 'vitest';
import { NEW_KEY } from '../../../helpers/real-core.js';
import { useSignedInCores } from '../../../helpers/signed-in-cores.js';

async function useKey(serverUrl: string, secret: string, userAgent: string): Promise<number> {
  const response = await fetch(`${serverUrl}/api/me`, { headers: { Authorization: `Bearer ${secret}`, 'User-Agent': userAgent } });
  await response.body?.cancel();
  return response.status;
}

describe('keys:activity against the real server', () => {
  const h = useSignedInCores('rakerone-activity-');

  it("shows today's requests per source and a refusal after the revoke, then the same answer offline after a restart", async () => {
    const t = await h.signedIn();
    const created = await t.call('keys:create', { ...NEW_KEY, capabilities: ['data-record:read'] });

    const quiet = await t.call('keys:activity', { id: created.key.id });
    expect(quiet.source).toBe('server');
    expect(quiet.activity?.days).toHaveLength(30);
    expect(quiet.activity?.days.every((day) => day.requests === 0 && day.refused === 0)).toBe(true);
    expect(quiet.activity?.sources).toEqual([]);

    expect(await useKey(h.server.url, created.secret, 'import-job/1.0')).toBe(200);
    expect(await useKey(h.server.url, created.secret, 'import-job/1.0')).toBe(200);
    expect(await useKey(h.server.url, created.secret, 'curl/8.5.0')).toBe(200);
    await t.call('keys:revoke', { id: created.key.id });
    expect(await useKey(h.server.url, created.secret, 'curl/8.5.0')).toBe(401);
    await h.server.app().rakerone.activity.flush();

    const used = await t.call('keys:activity', { id: created.key.id });
    expect(used.source).toBe('server');
    expect(used.activity?.days.at(-1)).toMatchObject({ requests: 3, refused: 1 });
    expect(used.activity?.sources.map((s) => [s.address, s.userAgent, s.requests])).toEqual([
      ['127.0.0.1', 'curl/8.5.0', 1],
      ['127.0.0.1', 'import-job/1.0', 2],
    ]);

    await h.server.stop();
    await t.core.dispose(); // a restart: the same data folder and keychain, a new core
    const again = await h.core(t.dir);
    await again.call('keys:list', {});
    expect(await again.call('keys:activity', { id: created.key.id })).toEqual({ activity: used.activity, asOf: used.asOf, source: 'cache' });
  });
});
