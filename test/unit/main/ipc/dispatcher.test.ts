/**
 * Every channel fed invalid payloads and every kind of foreign sender: each call resolves to a
 * VALIDATION / FORBIDDEN Result (never a throw, never a crash), nothing changes, and main keeps serving.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../../src/shared/ipc/channels.js';
import { invokeContract } from '../../../../src/shared/ipc/contract.js';
import { makeCore, NEW_KEY, PAGE, RENDERER_URL } from '../../../helpers/test-core.js';

const hostile = [
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  { id: 'x'.repeat(10_000) },
  { name: NEW_KEY.name, capabilities: ['admin:everything'], canImpersonate: false },
  { ...NEW_KEY, extra: 'field' },
  { serverUrl: 'http://evil.example.com', adminToken: 'rkr_adm_x' },
  { serverUrl: 'javascript:alert(1)', adminToken: 'x' },
  { outboxId: '' },
  'keys:list',
  42,
  [],
];

describe('IPC fuzz', () => {
  it('rejects every invalid payload on every channel with VALIDATION, then keeps serving', async () => {
    const t = await makeCore();
    await t.connect();
    const { key } = await t.call('keys:create', NEW_KEY);
    const before = JSON.stringify(t.server.keys);
    for (const channel of INVOKE_CHANNELS) {
      const schema = invokeContract[channel].input;
      const invalid = fc.oneof(fc.anything(), fc.constantFrom(...hostile)).filter((value) => !schema.safeParse(value ?? {}).success);
      await fc.assert(
        fc.asyncProperty(invalid, async (input) => {
          const result = await t.core.dispatch(channel, input, PAGE);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toBe('VALIDATION');
        }),
        { numRuns: 60 },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(t.server.keys)).toBe(before);
    const view = await t.call('keys:list', {});
    expect(view.keys.map((k) => k.id)).toEqual([key.id]);
    // 60 payloads for each of 40-odd channels: well under a second alone, several on a loaded two-core machine.
  }, 30_000);

  it('refuses text the server cannot store and instants out of range on the field, before anything is created or queued', async () => {
    const t = await makeCore();
    await t.connect();
    const before = JSON.stringify(t.server.keys);
    const refused: [unknown, string, RegExp][] = [
      [{ ...NEW_KEY, name: 'Deploy \ud800' }, 'name', /lone surrogate/],
      [{ ...NEW_KEY, expiresAt: '9999-12-31T23:59:59-23:59' }, 'expiresAt', /years 0000–9999/],
      [{ ...NEW_KEY, expiresAt: '+010000-01-01T23:58:59.000Z' }, 'expiresAt', /four digits/],
      [{ ...NEW_KEY, expiresAt: new Date(t.clock.now() + 3651 * 86_400_000).toISOString() }, 'expiresAt', /at most 3,650 days ahead/],
    ];
    for (const [input, path, message] of refused) {
      const result = await t.core.dispatch('keys:create', input, PAGE);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const issues = !result.ok ? (result.error.details?.issues ?? []) : [];
      expect(issues.map((i) => i.path)).toEqual([path]);
      expect(issues[0]?.message).toMatch(message);
    }
    expect(JSON.stringify(t.server.keys)).toBe(before);
    expect((await t.call('sync:state', {})).pending).toBe(0);
    // An instant at an offset is taken, and kept in UTC.
    const local = new Date(t.clock.now() + 3 * 86_400_000 + 2 * 3_600_000);
    const { key } = await t.call('keys:create', { ...NEW_KEY, expiresAt: `${local.toISOString().slice(0, 19)}.5+02:00` });
    expect(key.expiresAt).toBe(new Date(Date.parse(`${local.toISOString().slice(0, 19)}.500Z`) - 2 * 3_600_000).toISOString());
  });

  it("judges a key's end by main's injected clock, not the wall clock: an expiry or a retirement time it has passed is refused on the field", async () => {
    const t = await makeCore();
    await t.connect();
    const DAY = 86_400_000;
    const tomorrow = new Date(t.clock.now() + DAY).toISOString();
    const { key } = await t.call('keys:create', { ...NEW_KEY, expiresAt: tomorrow });
    expect(key.expiresAt).toBe(tomorrow);
    await t.clock.advance(2 * DAY);
    const refusals = [
      [await t.core.dispatch('keys:create', { ...NEW_KEY, expiresAt: tomorrow }, PAGE), 'expiresAt', 'The expiry date must be in the future'],
      [await t.core.dispatch('keys:rotate', { ...NEW_KEY, expiresAt: tomorrow, oldKeyId: key.id }, PAGE), 'expiresAt', 'The expiry date must be in the future'],
      [await t.core.dispatch('keys:schedule-retirement', { id: key.id, plan: { at: tomorrow } }, PAGE), 'plan.at', 'The retirement time must be in the future'],
    ] as const;
    for (const [result, path, message] of refusals) {
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path, message }] } } });
    }
    expect(t.server.keys).toHaveLength(1);
    expect((await t.call('sync:state', {})).pending).toBe(0);
    // A day ahead of main's clock (now after the first "tomorrow") is taken.
    const ahead = new Date(t.clock.now() + DAY).toISOString();
    expect((await t.call('keys:create', { ...NEW_KEY, expiresAt: ahead })).key.expiresAt).toBe(ahead);
  });

  it('refuses unknown channels, including Object prototype names', async () => {
    const t = await makeCore();
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 'keys:list ', 'KEYS:LIST']) {
      expect(await t.core.dispatch(channel, {}, PAGE)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('refuses every foreign sender before parsing, on every channel', async () => {
    const t = await makeCore();
    await t.connect();
    const foreign = fc.oneof(
      fc.record({ id: fc.oneof(fc.integer(), fc.string()).filter((id) => id !== PAGE.id), url: fc.constant(PAGE.url), isMainFrame: fc.constant(true) }),
      fc.record({ id: fc.constant(PAGE.id), url: fc.constant(PAGE.url), isMainFrame: fc.constant(false) }),
      fc.record({
        id: fc.constant(PAGE.id),
        url: fc
          .oneof(
            fc.webUrl(),
            fc.constantFrom('file:///etc/passwd', 'http://renderer.test.evil.com/', 'https://renderer.test/', 'about:blank', 'data:text/html,x', ''),
          )
          .filter((url) => !url.startsWith(RENDERER_URL + '/')),
        isMainFrame: fc.constant(true),
      }),
      fc.constantFrom(null, undefined, {}, 'page-1'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INVOKE_CHANNELS), foreign, async (channel, sender) => {
        const result = await t.core.dispatch(channel, {}, sender as never);
        expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }),
      { numRuns: 300 },
    );
    expect(t.server.keys).toEqual([]);
    expect((await t.call('connection:state', {})).status).toBe('online');
  });

  it('withdrawn trust is refused too', async () => {
    const t = await makeCore();
    const untrust = t.core.trustSender('second-window');
    const sender = { ...PAGE, id: 'second-window' };
    expect((await t.core.dispatch('app:info', {}, sender)).ok).toBe(true);
    untrust();
    expect(await t.core.dispatch('app:info', {}, sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a handler that fails unexpectedly becomes INTERNAL with a generic message', async () => {
    const t = await makeCore({ deps: { appVersion: undefined } });
    t.files.write = async () => {
      throw new Error('EACCES: /secret/path');
    };
    await t.raw('connection:connect', { serverUrl: 'https://rakerone.test', adminToken: t.server.adminToken }).then((result) => {
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in RakerOne Admin.' } });
    });
  });
});
