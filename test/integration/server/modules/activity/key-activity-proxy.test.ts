/**
 * The client address key activity records: the socket's peer, unless that peer is one of the proxies
 * `--trust-proxy` names — then the rightmost X-Forwarded-For entry that is not one of them. An
 * X-Forwarded-For from any other peer is ignored. In-process on both drivers, and through the real
 * `serve --trust-proxy` over TCP.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { KeyActivitySchema } from '../../../../../src/shared/http/activity.js';
import { startServeProcess } from '../../serve-process.js';
import { DRIVERS, newOrg, useApp } from '../../support.js';

async function sourcesOf(app: FastifyInstance, adminToken: string, id: string): Promise<string[]> {
  await app.rakerone.activity.flush();
  const res = await app.inject({ url: `/api/admin/api-keys/${id}/activity?days=1`, headers: { authorization: `Bearer ${adminToken}` } });
  expect(res.statusCode, res.body).toBe(200);
  return KeyActivitySchema.parse(res.json()).sources.map((s) => s.address);
}

describe.each(DRIVERS)('client addresses behind proxies on %s', (driver) => {
  const trusting = useApp(driver, { trustProxy: '10.0.0.0/8,192.0.2.1' });
  const plain = useApp(driver);

  /** One request per case, each with a key of its own; the address its activity recorded. */
  async function recorded(app: FastifyInstance, remoteAddress: string, forwardedFor?: string): Promise<string[]> {
    const org = await newOrg(app);
    const { apiKey, secret } = await org.createKey({ name: 'Behind a proxy' });
    const res = await app.inject({
      url: '/api/me',
      remoteAddress,
      headers: { authorization: `Bearer ${secret}`, ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) },
    });
    expect(res.statusCode).toBe(200);
    return sourcesOf(app, org.adminToken, apiKey.id);
  }

  it('believes X-Forwarded-For only from the named proxies, and takes the rightmost address not among them', async () => {
    const app = trusting.app();
    expect(await recorded(app, '10.1.2.3', '203.0.113.5')).toEqual(['203.0.113.5']);
    // The client may write anything on the left: only what the trusted proxies appended counts.
    expect(await recorded(app, '10.1.2.3', '198.51.100.66, 203.0.113.6, 10.9.9.9')).toEqual(['203.0.113.6']);
    expect(await recorded(app, '192.0.2.1', '2001:DB8::BEEF')).toEqual(['2001:db8::beef']);
    expect(await recorded(app, '::ffff:10.1.2.3', '::ffff:203.0.113.7')).toEqual(['203.0.113.7']);
    // A peer outside the named ranges: its X-Forwarded-For is a spoof, ignored.
    expect(await recorded(app, '198.51.100.20', '203.0.113.99')).toEqual(['198.51.100.20']);
    expect(await recorded(app, '192.0.2.2', '203.0.113.99')).toEqual(['192.0.2.2']);
    // No header from a trusted proxy: the proxy is the client.
    expect(await recorded(app, '10.1.2.3')).toEqual(['10.1.2.3']);
    // A forwarded entry that is no address: no source (the request still counts in its day).
    expect(await recorded(app, '10.1.2.3', 'unknown')).toEqual([]);
  });

  it('ignores X-Forwarded-For entirely without --trust-proxy', async () => {
    expect(await recorded(plain.app(), '10.1.2.3', '203.0.113.5')).toEqual(['10.1.2.3']);
    expect(await recorded(plain.app(), '::ffff:198.51.100.20', '203.0.113.5')).toEqual(['198.51.100.20']);
  });
});

describe('serve --trust-proxy over TCP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-proxy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the forwarded address only when the peer (127.0.0.1 here) is named', async () => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const added = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', 'people', 'add', '--org', 'proxied', '--email', 'a@proxied.test', '--role', 'admin', '--data', dir],
      {
        encoding: 'utf8',
        env,
        timeout: 60_000,
      },
    );
    expect(added.status, added.stderr).toBe(0);
    const admin = added.stdout.trim().split('\n').at(-1)!;

    for (const [args, expected] of [
      [['--trust-proxy', '127.0.0.1/32'], '203.0.113.80'],
      [['--trust-proxy', '10.0.0.0/8'], '127.0.0.1'],
      [[], '127.0.0.1'],
    ] as const) {
      const server = await startServeProcess(['--data', dir, ...args]);
      try {
        const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
        const created = await fetch(`${server.url}/api/admin/api-keys`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `via ${args.join(' ')}`, capabilities: [] }),
        });
        const { apiKey, secret } = (await created.json()) as { apiKey: { id: string }; secret: string };
        const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': '203.0.113.80' } });
        expect(me.status).toBe(200);
        // A new source is written at once (not at the interval's end); the read may still race it.
        await vi.waitFor(
          async () => {
            const res = await fetch(`${server.url}/api/admin/api-keys/${apiKey.id}/activity?days=1`, { headers });
            expect(KeyActivitySchema.parse(await res.json()).sources.map((s) => s.address)).toEqual([expected]);
          },
          { timeout: 5_000 },
        );
      } finally {
        await server.stop();
      }
    }
  }, 120_000);
});
