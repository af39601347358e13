import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../helpers/test-server.js';
import { DRIVERS } from '../support.js';

describe.each(DRIVERS)('test/helpers/test-server on %s', (driver) => {
  it('serves on loopback, adds people, stops (offline) and restarts on the same port and database', async () => {
    const server = await startTestServer({ driver });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${server.adminToken}` } });
      expect(await me.json()).toMatchObject({
        kind: 'person',
        person: { email: 'admin@acme.test', role: 'admin' },
        projects: [{ id: server.projectId, name: 'Operations' }],
      });
      const member = await server.addPerson('member');
      expect(member.person.email).toMatch(/@acme\.test$/);
      const denied = await fetch(`${server.url}/api/admin/api-keys`, { headers: { authorization: `Bearer ${member.token}` } });
      expect(denied.status).toBe(403);

      const created = await fetch(`${server.url}/api/admin/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Survives restarts', capabilities: [] }),
      });
      const { secret } = (await created.json()) as { secret: string };

      await server.stop();
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      await server.start();
      const again = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
      expect(again.status).toBe(200);
      const list = (await (await fetch(`${server.url}/api/admin/api-keys`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as {
        items: { lastUsedAt: string | null }[];
      };
      expect(list.items[0]!.lastUsedAt).not.toBeNull();
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});
