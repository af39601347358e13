/**
 * Defects found by the security review of the sync: a revoke must never cancel locally a create the
 * server may already have applied, and a create or revoke the server keeps failing (5xx) must not
 * block the queue forever.
 */
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { makeCore, NEW_KEY } from '../../../helpers/test-core.js';

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
    expect(created.key.pending?.mayBeApplied).toBe(false);
    t.server.down = false;
    loseNextAnswer(t);
    await t.call('sync:now', {});
    // The server has the key; the client does not know it, and says it may already work.
    expect(t.server.keys.map((k) => k.status)).toEqual(['active']);
    const cached = await t.call('keys:list', {});
    expect(cached.keys.find((k) => k.id === created.key.id)?.pending).toMatchObject({ action: 'create', state: 'queued', mayBeApplied: true });
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
    expect(created.key.pending?.mayBeApplied).toBe(true);
    expect(t.server.keys.map((k) => k.status)).toEqual(['active']);
  });

  it('a refused connection after an attempt that reached the server (5xx) still counts as sent', async () => {
    const server = (await import('../../../helpers/fake-server.js')).createFakeServer();
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

  it('a 429 after a 5xx in the same call still counts as sent (the 5xx may have come after the commit)', async () => {
    const server = (await import('../../../helpers/fake-server.js')).createFakeServer();
    const t = await makeCore({
      server,
      deps: {
        http: {
          adapter: server.adapter,
          sleep: async () => void (server.failNext = { status: 429, code: 'RATE_LIMITED', message: 'Slow down', path: /api-keys$/, times: 5 }),
        },
      },
    });
    await t.connect();
    server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    server.down = false;
    server.failNext = { status: 500, code: 'INTERNAL', message: 'Boom', path: /api-keys$/ };
    await t.call('sync:now', {});
    expect(await readOutbox(t)).toMatchObject([{ kind: 'create', state: 'queued', attempts: 1 }]);
    expect((await t.call('keys:list', {})).keys.find((k) => k.id === created.key.id)?.pending?.mayBeApplied).toBe(true);
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
    expect(await readOutbox(t)).toMatchObject([
      { kind: 'create', attempts: 1 },
      { kind: 'revoke', keyId: created.key.id },
    ]);
    t.server.down = false;
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Missing capability', path: /api-keys$/ };
    await t.clock.advance(120_000);
    expect(await readOutbox(t)).toMatchObject([{ kind: 'create', state: 'failed' }]);
    expect(t.server.requests.some((r) => r.path.endsWith('/revoke'))).toBe(false);
  });
});

describe('an entry the server keeps failing with 5xx', () => {
  async function coreWithBrokenCreate(name: string) {
    const { createFakeServer } = await import('../../../helpers/fake-server.js');
    const server = createFakeServer();
    const sent = { broken: 0 };
    // Every create named `name` gets a 500; everything else reaches the fake server.
    const adapter: typeof server.adapter = async (config) => {
      const body = typeof config.data === 'string' ? (JSON.parse(config.data) as { name?: string }) : null;
      if (config.method === 'post' && body?.name === name) {
        sent.broken += 1;
        const response = {
          data: { error: { code: 'INTERNAL', message: 'Internal server error', requestId: 'r' } },
          status: 500,
          statusText: '500',
          headers: {},
          config,
          request: {},
        };
        throw new AxiosError('Request failed with status code 500', AxiosError.ERR_BAD_RESPONSE, config, {}, response);
      }
      return server.adapter(config);
    };
    const t = await makeCore({ server, deps: { http: { adapter, sleep: async () => {} } } });
    return { t, sent };
  }

  it('is marked failed after 5 drains, and the entries behind it are sent', async () => {
    const { t, sent } = await coreWithBrokenCreate('Broken');
    await t.connect();
    t.server.down = true;
    await t.call('keys:create', { ...NEW_KEY, name: 'Broken' });
    await t.call('keys:create', { ...NEW_KEY, name: 'Behind' });
    t.server.down = false;
    await t.call('sync:now', {});
    await t.clock.advance(600_000);
    expect(t.server.keys.map((k) => k.name)).toEqual(['Behind']);
    const state = await t.call('sync:state', {});
    expect(state.pending).toBe(0);
    expect(state.failed).toMatchObject([{ action: 'create', keyName: 'Broken', error: { code: 'INTERNAL' } }]);
    // 5 drains × the client's 3 attempts each, then nothing more.
    expect(sent.broken).toBe(15);
    await t.clock.advance(600_000);
    expect(sent.broken).toBe(15);
    // Kept until dismissed, as for other refusals.
    const after = await t.call('outbox:dismiss', { outboxId: state.failed[0]!.outboxId });
    expect(after.failed).toEqual([]);
  });

  it('network errors and timeouts are not counted: they keep retrying', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    await t.call('keys:create', NEW_KEY);
    for (let i = 0; i < 8; i++) await t.call('sync:now', {});
    await t.clock.advance(600_000);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
    t.server.down = false;
    await t.clock.advance(60_000);
    expect(t.server.keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
  });

  it('an interactive create that keeps failing is kept as failed after the cap, not removed (it may exist)', async () => {
    const { t } = await coreWithBrokenCreate('Broken');
    await t.connect();
    expect(await t.call('keys:create', { ...NEW_KEY, name: 'Broken' })).toMatchObject({ queued: true });
    for (let i = 0; i < 3; i++) expect((await t.call('sync:now', {})).pending).toBe(1);
    const result = await t.call('sync:now', {});
    expect(result.failed).toMatchObject([{ keyName: 'Broken', error: { code: 'INTERNAL' } }]);
    expect(result.pending).toBe(0);
  });

  it('a revoke queued behind such a create is failed with it, never sent with the local id', async () => {
    const { t } = await coreWithBrokenCreate('Broken');
    await t.connect();
    t.server.down = true;
    const created = await t.call('keys:create', { ...NEW_KEY, name: 'Broken' });
    t.server.down = false;
    await t.call('sync:now', {});
    t.server.down = true;
    await t.call('keys:revoke', { id: created.key.id });
    t.server.down = false;
    await t.clock.advance(600_000);
    const state = await t.call('sync:state', {});
    expect(state.failed.map((f) => f.action)).toEqual(['create', 'revoke']);
    expect(state.pending).toBe(0);
    expect(t.server.requests.some((r) => r.path.endsWith('/revoke'))).toBe(false);
  });
});

describe('a revoke that cancels a never-sent create while a drain starts', () => {
  it('never sends the cancelled create, even when the drain read the queue before the cancel was written', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    t.server.down = false;
    const postsBefore = t.server.requests.filter((r) => r.method === 'POST').length;

    // Hold the next write of the state file: the revoke's cancel is decided and on its way to disk.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const write = t.files.write.bind(t.files);
    let holdNext = true;
    t.files.write = async (path, content) => {
      if (holdNext && path.includes('/state/')) {
        holdNext = false;
        await held;
      }
      return write(path, content);
    };
    const revoking = t.call('keys:revoke', { id: created.key.id });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Meanwhile a drain starts (the page's list poll): it still reads the create as queued.
    const syncing = t.call('sync:now', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    expect(await revoking).toMatchObject({ status: 'revoked', pending: null });
    await syncing;
    await t.call('sync:now', {});
    expect(t.server.requests.filter((r) => r.method === 'POST').slice(postsBefore)).toEqual([]);
    expect(t.server.keys).toEqual([]);
    expect(await readOutbox(t)).toEqual([]);
  });
});

describe('a create that a drain already under way picks up and the server refuses', () => {
  it('goes back to the dialog only, not also into the failed list', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    await t.call('keys:create', { ...NEW_KEY, name: 'First' });
    t.server.down = false;
    // While the drain sends "First", the admin creates "Second"; the same drain picks it up next.
    let second: ReturnType<typeof t.raw<'keys:create'>> | null = null;
    t.server.afterApply = () => {
      t.server.afterApply = null;
      t.server.failNext = { status: 409, code: 'CONFLICT', message: 'Refused', path: /api-keys$/ };
      second = t.raw('keys:create', { ...NEW_KEY, name: 'Second' });
    };
    await t.call('sync:now', {});
    expect(await second!).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Refused' } });
    expect((await t.call('sync:state', {})).failed).toEqual([]);
    expect(await readOutbox(t)).toEqual([]);
    expect(t.server.keys.map((k) => k.name)).toEqual(['First']);
  });
});

describe('a create with an expiry', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

  it('online: the POST body carries expiresAt and the copy screen row has it', async () => {
    const t = await makeCore();
    await t.connect();
    const expiresAt = inDays(7);
    const created = await t.call('keys:create', { ...NEW_KEY, expiresAt });
    expect(created.queued).toBe(false);
    expect(created.key.expiresAt).toBe(expiresAt);
    expect(t.server.keys.map((k) => k.expiresAt)).toEqual([expiresAt]);
  });

  it('offline: the queued entry and its pending row carry expiresAt; on reconnect the server gets it, once', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    const expiresAt = inDays(30);
    const created = await t.call('keys:create', { ...NEW_KEY, expiresAt });
    expect(created).toMatchObject({ queued: true, key: { expiresAt, pending: { action: 'create' } } });
    expect(await readOutbox(t)).toMatchObject([{ kind: 'create', body: { expiresAt } }]);
    expect((await t.call('keys:list', {})).keys[0]?.expiresAt).toBe(expiresAt);
    t.server.down = false;
    await t.call('sync:now', {});
    expect(t.server.keys.map((k) => k.expiresAt)).toEqual([expiresAt]);
    // One key: every attempt (those refused while down included) carried the same Idempotency-Key.
    expect(new Set(t.server.requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it('no expiry is sent as no expiresAt at all (the server field is optional, not nullable)', async () => {
    const t = await makeCore();
    await t.connect();
    // The fake server parses the body with the shared strict schema: `expiresAt: null` would be a 400.
    const created = await t.call('keys:create', { ...NEW_KEY, expiresAt: null });
    expect(created.key.expiresAt).toBeNull();
    expect(t.server.keys.map((k) => k.expiresAt)).toEqual([null]);
  });

  it('an entry stored before expiry existed (no expiresAt) is sent without one after a restart', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    await t.call('keys:create', NEW_KEY);
    const [path, text] = [...t.files.data.entries()].find(([p]) => p.includes('/state/'))!;
    const doc = JSON.parse(text);
    delete doc.data.outbox[0].body.expiresAt;
    delete doc.data.keyPolicy;
    t.files.data.set(path, JSON.stringify(doc));
    t.server.down = false;
    const fresh = await makeCore({ server: t.server, files: t.files, secrets: t.secrets });
    await fresh.call('sync:now', {});
    expect(t.server.keys.map((k) => [k.name, k.expiresAt])).toEqual([[NEW_KEY.name, null]]);
    expect((await fresh.call('sync:state', {})).failed).toEqual([]);
  });

  it('keys:create refuses an expiry in the past before anything is queued', async () => {
    const t = await makeCore();
    await t.connect();
    // A day before main's clock (the fake clock), which is what main judges an expiry by.
    const result = await t.raw('keys:create', { ...NEW_KEY, expiresAt: new Date(t.clock.now() - 24 * 60 * 60 * 1000).toISOString() });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'expiresAt' }] } } });
    expect(await readOutbox(t)).toEqual([]);
  });

  it('refused by the key policy: online the error comes back on expiresAt; queued offline it is kept as failed', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.policy = { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false };
    const online = await t.raw('keys:create', { ...NEW_KEY, expiresAt: inDays(90) });
    expect(online).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'expiresAt', message: expect.stringContaining('maximum lifetime 30 days') }] } },
    });
    expect(await readOutbox(t)).toEqual([]);

    t.server.down = true;
    await t.call('keys:create', { ...NEW_KEY, name: 'Too long', expiresAt: null });
    t.server.down = false;
    await t.call('sync:now', {});
    const { failed } = await t.call('sync:state', {});
    expect(failed).toMatchObject([{ action: 'create', keyName: 'Too long', error: { code: 'VALIDATION' } }]);
    expect(t.server.keys).toEqual([]);
  });
});
