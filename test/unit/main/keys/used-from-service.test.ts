import { describe, expect, it } from 'vitest';
import type { ApiKeyDto } from '../../../../src/shared/http/index.js';
import { makeCore } from '../../../helpers/test-core.js';

const DAY = 24 * 60 * 60 * 1000;
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function serverKey(n: number, now: number): ApiKeyDto {
  return {
    id: id(n),
    name: `Key ${n}`,
    capabilities: ['data-record:read'],
    canImpersonate: false,
    hint: 'rkr_key_…ABCD',
    createdAt: new Date(now - 30 * DAY).toISOString(),
    createdBy: null,
    lastUsedAt: new Date(now - DAY).toISOString(),
    status: n % 2 === 0 ? 'active' : 'revoked',
    revokedAt: n % 2 === 0 ? null : new Date(now - DAY).toISOString(),
    expiresAt: null,
    scheduledRevocation: null,
    suspension: null,
    allowedAddresses: null,
  };
}

describe('keys:used-from', () => {
  it('asks the server with the normalized address and reads every page (any status)', async () => {
    const t = await makeCore();
    const now = t.clock.now();
    t.server.keys = Array.from({ length: 7 }, (_, n) => serverKey(n + 1, now));
    t.server.usedFrom.set('203.0.113.7', [id(1), id(2), id(3), id(5), id(6)]);
    t.server.usedFromPageSize = 2;
    await t.connect();
    const result = await t.call('keys:used-from', { address: '::ffff:203.0.113.7' });
    expect(result).toEqual({ source: 'server', address: '203.0.113.7', keyIds: [id(1), id(2), id(3), id(5), id(6)], asOf: new Date(now).toISOString() });
    const pages = t.server.requests.filter((r) => r.method === 'GET' && r.path === '/admin/api-keys').length;
    // Three pages of two for this lookup (plus the sync's own list reads).
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('an address no key used is an empty list from the server', async () => {
    const t = await makeCore();
    await t.connect();
    expect(await t.call('keys:used-from', { address: '2001:db8::1' })).toMatchObject({ source: 'server', keyIds: [] });
  });

  it('offline it answers `offline`, never an empty list, and asks no one', async () => {
    const t = await makeCore();
    t.server.usedFrom.set('203.0.113.7', [id(1)]);
    await t.connect();
    t.server.down = true;
    await t.call('sync:now', {});
    const before = t.server.requests.length;
    expect(await t.call('keys:used-from', { address: '203.0.113.7' })).toEqual({ source: 'offline', address: '203.0.113.7' });
    expect(t.server.requests.filter((r) => r.path === '/admin/api-keys').length).toBe(
      t.server.requests.slice(0, before).filter((r) => r.path === '/admin/api-keys').length,
    );
  });

  it('a server that stops answering mid-lookup is offline too', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    expect(await t.call('keys:used-from', { address: '203.0.113.7' })).toEqual({ source: 'offline', address: '203.0.113.7' });
  });

  it('an invalid address is refused with the field message', async () => {
    const t = await makeCore();
    await t.connect();
    const result = await t.raw('keys:used-from', { address: '203.0.113' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(JSON.stringify(result.error)).toContain('Must be an IPv4 or IPv6 address');
  });
});
