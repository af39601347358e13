/**
 * Allowed addresses through main (keys:set-allowed-addresses, keys:create with a list) against the real
 * server, the real keychain and real files: the server refuses a key outside its list at once, opens it
 * again with null, and a change made offline reaches it exactly once on reconnection (one audit event).
 */
import { describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';
import { meWith, NEW_KEY, waitFor } from '../../../helpers/real-core.js';
import { useSignedInCores } from '../../../helpers/signed-in-cores.js';

describe('allowed addresses through main, against the real server', () => {
  const h = useSignedInCores('rakerone-allowed-');

  async function changesOf(keyId: string): Promise<number> {
    const response = await fetch(`${h.server.url}/api/admin/audit-events?apiKeyId=${keyId}&limit=100`, {
      headers: { Authorization: `Bearer ${h.server.adminToken}` },
    });
    return ((await response.json()) as { items: AuditEventDto[] }).items.filter((e) => e.action === 'api_key.allowed_addresses_changed').length;
  }

  it('online: a list without this machine refuses the key with 403 at once; null opens it again', async () => {
    const t = await h.signedIn();
    const created = await t.call('keys:create', { ...NEW_KEY, allowedAddresses: ['127.0.0.1', '::1'] });
    expect(created.key.allowedAddresses).toEqual(['127.0.0.1/32', '::1/128']);
    expect((await meWith(h.server.url, created.secret)).status).toBe(200);

    const row = await t.call('keys:set-allowed-addresses', { id: created.key.id, allowedAddresses: ['192.0.2.0/24'] });
    expect(row).toMatchObject({ allowedAddresses: ['192.0.2.0/24'], pending: null });
    const refused = await meWith(h.server.url, created.secret);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('192.0.2.0/24');

    await t.call('keys:set-allowed-addresses', { id: created.key.id, allowedAddresses: null });
    expect((await meWith(h.server.url, created.secret)).status).toBe(200);
    expect(await changesOf(created.key.id)).toBe(2);
  });

  it('offline: queued, pending on its row, applied exactly once on reconnection', async () => {
    const t = await h.signedIn();
    const created = await t.call('keys:create', NEW_KEY);
    await h.server.stop();
    const row = await t.call('keys:set-allowed-addresses', { id: created.key.id, allowedAddresses: ['192.0.2.7'] });
    expect(row).toMatchObject({ allowedAddresses: ['192.0.2.7/32'], pending: { action: 'set-allowed-addresses', state: 'queued' } });

    await h.server.start();
    await waitFor(async () => (await t.call('sync:state', {})).pending === 0 && (await t.call('connection:state', {})).status === 'online');
    expect((await meWith(h.server.url, created.secret)).status).toBe(403);
    const listed = (await t.call('keys:list', {})).keys.find((k) => k.id === created.key.id);
    expect(listed).toMatchObject({ allowedAddresses: ['192.0.2.7/32'], pending: null });
    expect(await changesOf(created.key.id)).toBe(1);
  });
});
