/**
 * Crash injection at every await point of the store and the sync: each file write (before the atomic
 * replace, and just after it) and each change on the server (before it is applied, and after it is
 * applied but before its answer arrives). The process "dies" there (nothing it does afterwards counts:
 * its later writes and requests fail), restarts from what is on disk — possibly crashing again — and
 * finally recovers. Then: every acknowledged action is on the server exactly once, nothing is ever
 * duplicated, the queue is empty and every stored file is whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../../src/main/app-core.js';
import { createMemorySecretStore } from '../../../src/main/secrets/secret-store.js';
import type { Result } from '../../../src/shared/errors.js';
import type { InvokeChannel, InvokeInput, InvokeOutput } from '../../../src/shared/ipc/contract.js';
import { createFakeClipboard } from './fakes/fake-clipboard.js';
import { createFakeClock } from './fakes/fake-clock.js';
import { createFakeServer, type FakeServer } from './fakes/fake-server.js';
import { Crash, createMemoryFiles } from './fakes/memory-files.js';
import { NEW_KEY, PAGE, RENDERER_URL, SERVER_URL } from './fakes/test-core.js';

interface World {
  server: FakeServer;
  secrets: ReturnType<typeof createMemorySecretStore>;
  disk: Map<string, string>;
  points: number;
}

/** Boots a core on a copy of the disk; `crashAt` = the index (in world.points) where this process dies. */
async function boot(world: World, crashAt: number | null) {
  let dead = false;
  const files = createMemoryFiles(world.disk);
  const die = (where: string) => {
    dead = true;
    throw new Crash(where);
  };
  const point = (where: string) => {
    if (dead) throw new Crash('after death');
    const index = world.points++;
    if (index === crashAt) die(where);
  };
  files.onWrite = (_path, phase) => {
    point(`write ${phase}`);
    // What the disk holds is what survives: mirror every completed write.
    if (phase === 'after' || dead) return;
  };
  const originalWrite = files.write.bind(files);
  files.write = async (path, content) => {
    await originalWrite(path, content);
    if (!dead) world.disk.set(path, content);
  };
  const server = world.server;
  const core = createAppCore({
    userDataDir: '/data',
    secretStore: world.secrets,
    clipboard: createFakeClipboard(),
    emit: () => {},
    runtime: 'web',
    rendererUrls: [RENDERER_URL],
    clock: createFakeClock(),
    files,
    http: {
      adapter: async (config) => {
        if (dead) throw new Crash('after death');
        server.beforeApply = () => point('server before apply');
        server.afterApply = () => point('server after apply');
        try {
          return await server.adapter(config);
        } finally {
          server.beforeApply = null;
          server.afterApply = null;
        }
      },
      sleep: async () => {},
    },
    random: () => 0.5,
  });
  core.trustSender(PAGE.id);
  const call = async <C extends InvokeChannel>(channel: C, input: InvokeInput<C>) => {
    if (dead) return null;
    const result = (await core.dispatch(channel, input, PAGE)) as Result<InvokeOutput<C>>;
    return dead ? null : result;
  };
  await core.ready;
  return { core, call, isDead: () => dead };
}

async function scenario(crashes: (number | null)[]) {
  const server = createFakeServer();
  const world: World = { server, secrets: createMemorySecretStore(), disk: new Map(), points: 0 };
  const ack = { creates: new Set<string>(), revokedOld: false, cancelledB: false };

  // Setup without crashes: signed in, one existing key, then the server goes away.
  const setup = await boot(world, null);
  await setup.call('connection:connect', { serverUrl: SERVER_URL, adminToken: server.adminToken });
  const old = await setup.call('keys:create', { ...NEW_KEY, name: 'Old' });
  if (!old?.ok) throw new Error('setup failed');
  await setup.core.dispose();
  server.down = true;
  world.points = 0;

  // The admin's offline session, then the server comes back — a crash may strike anywhere.
  const first = await boot(world, crashes[0] ?? null);
  const script = async () => {
    const a = await first.call('keys:create', { ...NEW_KEY, name: 'A' });
    if (!a?.ok) return;
    ack.creates.add('A');
    const b = await first.call('keys:create', { ...NEW_KEY, name: 'B' });
    if (!b?.ok) return;
    ack.creates.add('B');
    if (!(await first.call('keys:revoke', { id: old.data.key.id }))?.ok) return;
    ack.revokedOld = true;
    const rotated = await first.call('keys:rotate', { ...NEW_KEY, name: 'A', oldKeyId: a.data.key.id });
    if (!rotated?.ok) return;
    ack.creates.add('A (rotated)');
    if (!(await first.call('keys:revoke', { id: b.data.key.id }))?.ok) return;
    ack.cancelledB = true;
    if (!(await first.call('keys:create', { ...NEW_KEY, name: 'C' }))?.ok) return;
    ack.creates.add('C');
    server.down = false;
    await first.call('sync:now', {});
  };
  await script();
  const sessionPoints = world.points;
  await first.core.dispose();
  server.down = false;

  // Restarts: maybe one more crash, then a clean recovery.
  for (const crashAt of [crashes[1] ?? null, null]) {
    world.points = 0;
    const next = await boot(world, crashAt);
    for (let i = 0; i < 3 && !next.isDead(); i++) {
      const state = await next.call('sync:now', {});
      if (state?.ok && state.data.pending === 0) break;
    }
    await next.core.dispose();
  }
  return { server, world, ack, oldId: old.data.key.id, sessionPoints };
}

function check({ server, world, ack, oldId }: Awaited<ReturnType<typeof scenario>>) {
  const count = (name: string) => server.keys.filter((k) => k.name === name).length;
  for (const name of ['Old', 'A', 'B', 'A (rotated)', 'C']) expect(count(name), name).toBeLessThanOrEqual(1);
  for (const name of ack.creates) if (!(name === 'B' && ack.cancelledB)) expect(count(name), `acknowledged ${name}`).toBe(1);
  if (ack.cancelledB) expect(count('B')).toBe(0);
  if (ack.revokedOld) expect(server.keys.find((k) => k.id === oldId)?.status).toBe('revoked');
  for (const [path, content] of world.disk) {
    const parsed = JSON.parse(content) as { version: number; data: { outbox?: { state: string }[] } };
    expect(parsed.version, path).toBe(1);
    if (parsed.data.outbox) expect(parsed.data.outbox.filter((e) => e.state === 'queued'), path).toEqual([]);
  }
}

describe('sync under crashes', () => {
  it('every crash point of the session, once: nothing lost, nothing applied twice, nothing torn', async () => {
    const { sessionPoints } = await scenario([null, null]);
    // 6 queued writes + 5 entries × (2 server points + 2 write points) + the refresh: the scenario is rich.
    expect(sessionPoints).toBeGreaterThan(25);
    for (let point = 0; point < sessionPoints; point++) check(await scenario([point, null]));
  });

  it('≥200 random double crashes (during the session and again during recovery)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(45), fc.option(fc.nat(30), { nil: null }), async (first, second) => {
        check(await scenario([first, second]));
      }),
      { numRuns: 220 },
    );
  });
});
