/**
 * Defects found by the security review of the sync: a revoke must never cancel locally a create the
 * server may already have applied, and a create or revoke the server keeps failing (5xx) must not
 * block the queue forever.
 */
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { makeCore, NEW_KEY } from './fakes/test-core.js';

/** The server applies the change, then its answer never arrives (the client times out). */
function loseNextAnswer(t: Awaited<ReturnType<typeof makeCore>>) {
  t.server.afterApply = () => {
    t.server.afterApply = null;
    throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED');
  };
}

async function readOutbox(t: Awaited<ReturnType<typeof makeCore>>) {
  const file = [...t.files.data.entries()].find(([path]) => path.includes('/state/'))![1];
  return JSON.parse(file).data.outbox as { kind: string; state: string; attempts: number; keyId?: string }[];
}

describe('revoking a create whose answer was lost', () => {
  it('does not cancel it locally: the revoke is queued behind the create and reaches the server', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    expect(created.queued).toBe(true);
    t.server.down = false;
    loseNextAnswer(t);
    await t.call('sync:now', {});
    // The server has the key; the client does not know it.
    expect(t.server.keys.map((k) => k.status)).toEqual(['active']);
    const revoked = await t.call('keys:revoke', { id: created.key.id });
    // Not "revoked": the key may be active on the server until the revoke reaches it.
    expect(revoked.status).toBe('active');
    expect(await readOutbox(t)).toMatchObject([
      { kind: 'create', state: 'queued', attempts: 1 },
      { kind: 'revoke', state: 'queued', keyId: created.key.id },
    ]);

    await t.clock.advance(120_000); // probe → online → drain: create replayed, revoke re-pointed and sent
    expect(t.server.keys).toHaveLength(1);
    expect(t.server.keys[0]!.status).toBe('revoked');
    expect((await t.call('sync:state', {})).pending).toBe(0);
    expect(await readOutbox(t)).toEqual([]);
  });

  it('an interactive create whose answer is lost is reported as queued (it may already work on the server)', async () => {
    const t = await makeCore();
    await t.connect();
    loseNextAnswer(t);
    const created = await t.call('keys:create', NEW_KEY);
    expect(created.queued).toBe(true);
    expect(t.server.keys.map((k) => k.status)).toEqual(['active']);
  });

  it('a refused connection after an attempt that reached the server (5xx) still counts as sent', async () => {
    const server = (await import('./fakes/fake-server.js')).createFakeServer();
    // The client's retry after the 503 finds the server gone: the 503 may have come after the commit.
    const t = await makeCore({ server, deps: { http: { adapter: server.adapter, sleep: async () => void (server.down = true) } } });
    await t.connect();
    server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    server.down = false;
    server.failNext = { status: 503, code: 'INTERNAL', message: 'Overloaded', path: /api-keys$/ };
    await t.call('sync:now', {});
    expect(await readOutbox(t)).toMatchObject([{ kind: 'create', attempts: 1 }]);
    expect((await t.call('keys:revoke', { id: created.key.id })).status).toBe('active');
  });

  it('a create that never left is still cancelled by a revoke', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    const revoked = await t.call('keys:revoke', { id: created.key.id });
    expect(revoked).toMatchObject({ status: 'revoked', pending: null });
    expect(await readOutbox(t)).toEqual([]);
  });
});

describe('a revoke queued behind a create the server then refuses', () => {
  it('is dropped with it (there is no key to revoke), instead of failing on the local id', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    t.server.down = false;
    // Sent once, and answered 504: the server may or may not have it.
    t.server.failNext = { status: 504, code: 'INTERNAL', message: 'Gateway timeout', path: /api-keys$/, times: 3 };
    await t.call('sync:now', {});
    t.server.down = true;
    await t.call('keys:revoke', { id: created.key.id });
    expect(await readOutbox(t)).toMatchObject([{ kind: 'create', attempts: 1 }, { kind: 'revoke', keyId: created.key.id }]);
    t.server.down = false;
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Missing capability', path: /api-keys$/ };
    await t.clock.advance(120_000);
    expect(await readOutbox(t)).toMatchObject([{ kind: 'create', state: 'failed' }]);
    expect(t.server.requests.some((r) => r.path.endsWith('/revoke'))).toBe(false);
  });
});
