/**
 * The access log: one line per request with who and what, never a secret, independent of the log
 * level, and off with `accessLog: false`. (That `serve` flushes it on SIGTERM is in cli.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { call, newOrg } from '../support.js';

interface AccessLine {
  msg: string;
  reqId: string;
  method: string;
  route: string | null;
  status: number;
  ms: number;
  apiKeyId?: string;
  personId?: string;
}

async function appWithLog(options: { level: string; accessLog?: boolean }) {
  const lines: string[] = [];
  const app = await buildApp({
    database: { driver: 'sqlite', filename: ':memory:' },
    logger: { ...options, stream: { write: (line) => void lines.push(line) } },
  });
  // Access lines reach the stream once per turn of the event loop (lib/line-batcher.ts): wait one turn.
  const access = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return lines
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AccessLine)
      .filter((line) => line.msg === 'request');
  };
  return { app, lines, access };
}

describe('access log', () => {
  it('writes one line per request with method, route template, status, duration and caller, and no secret anywhere', async () => {
    const { app, lines, access } = await appWithLog({ level: 'warn' });
    try {
      const org = await newOrg(app);
      const member = await org.addPerson('member');
      const created = await call(app, 'POST', '/api/admin/api-keys', org.adminToken, {
        name: 'Logged',
        capabilities: ['data-record:read'],
        canImpersonate: true,
      });
      const { apiKey, secret } = created.json() as { apiKey: { id: string }; secret: string };
      const me = await call(app, 'GET', '/api/me', secret, undefined, { 'x-request-id': 'trace-me-1' });
      await call(app, 'GET', '/api/me', secret, undefined, { 'x-rakerone-act-as': member.id });
      // A different last character (a secret may end in x), so the credential is always wrong.
      await call(app, 'GET', '/api/me', `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`);
      await call(app, 'GET', `/api/me?token=${secret}&secret=${org.adminToken}`, secret);
      await call(app, 'GET', `/api/nowhere/${secret}`, secret);
      await call(app, 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken);
      await call(app, 'GET', '/api/me', secret);

      const lineOf = await access();
      expect(lineOf).toHaveLength(8);
      expect(lineOf[0]).toMatchObject({ method: 'POST', route: '/api/admin/api-keys', status: 201, personId: org.adminId });
      expect(lineOf[1]).toMatchObject({ reqId: 'trace-me-1', method: 'GET', route: '/api/me', status: 200, apiKeyId: apiKey.id });
      expect(lineOf[1]!.reqId).toBe(me.headers['x-request-id']);
      expect(lineOf[2]).toMatchObject({ route: '/api/me', status: 200, apiKeyId: apiKey.id, personId: member.id });
      expect(lineOf[3]).toMatchObject({ route: '/api/me', status: 401 });
      expect(lineOf[3]).not.toHaveProperty('apiKeyId');
      expect(lineOf[4]).toMatchObject({ route: '/api/me', status: 200 });
      expect(lineOf[5]).toMatchObject({ route: null, status: 404 });
      expect(lineOf[6]).toMatchObject({ route: '/api/admin/api-keys/:id/revoke', status: 200 });
      expect(lineOf[7]).toMatchObject({ route: '/api/me', status: 401 });
      for (const line of lineOf) expect(line.ms).toBeGreaterThanOrEqual(0);

      const log = lines.join('');
      for (const secretText of [secret, secret.slice(8, 40), org.adminToken, org.adminToken.slice(8, 40), member.token]) expect(log).not.toContain(secretText);
    } finally {
      await app.close();
    }
  });

  it('is independent of the log level, and off when asked', async () => {
    const quiet = await appWithLog({ level: 'silent' });
    const off = await appWithLog({ level: 'trace', accessLog: false });
    try {
      for (const { app } of [quiet, off]) await app.inject({ url: '/api/health' });
      expect(await quiet.access()).toHaveLength(1);
      expect(await off.access()).toHaveLength(0);
      // Fastify's own per-request lines are replaced, not added to.
      expect(off.lines.join('')).not.toContain('incoming request');
      expect(off.lines.join('')).not.toContain('request completed');
    } finally {
      await quiet.app.close();
      await off.app.close();
    }
  });
});
