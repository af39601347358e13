/**
 * The crash scenario shared by the unit test (fake server, memory disk) and the integration test (real
 * server over HTTP, real atomic files): an admin works offline (create, create, revoke, rotate, cancel,
 * create), the server comes back and the queue drains — and the process dies at one chosen "point":
 * before or after any file write, before a change is sent or after the server applied it but before
 * its answer arrived. A dead process does nothing more (its writes and requests fail). It restarts
 * from the disk, may die once more, then recovers; `checkCrashOutcome` says what must hold.
 */
import type { AxiosAdapter } from 'axios';
import { expect } from 'vitest';
import { createAppCore } from '../../src/main/app-core.js';
import type { FileStore, SecretStore } from '../../src/main/ports.js';
import type { Result } from '../../src/shared/errors.js';
import type { ApiKeyDto } from '../../src/shared/http/index.js';
import type { InvokeChannel, InvokeInput, InvokeOutput } from '../../src/shared/ipc/contract.js';
import { createFakeClipboard } from './fake-clipboard.js';
import { createFakeClock } from './fake-clock.js';
import { Crash } from './memory-files.js';

export interface CrashWorld {
  serverUrl: string;
  adminToken: string;
  userDataDir: string;
  transport: AxiosAdapter;
  secrets: SecretStore;
  /** A FileStore over the persistent disk of this world (what survives a crash). */
  files(): FileStore;
  /** Every stored document, to check none is torn. */
  readDisk(): Promise<Map<string, string>>;
  setServerUp(up: boolean): Promise<void>;
  serverKeys(): Promise<ApiKeyDto[]>;
}

const BASE = { capabilities: ['data-record:read'] as ['data-record:read'], canImpersonate: false };

async function boot(world: CrashWorld, crashAt: number | null, counter: { points: number }) {
  let dead = false;
  const point = () => {
    if (dead) throw new Crash('after death');
    if (counter.points++ === crashAt) {
      dead = true;
      throw new Crash(`at point ${crashAt}`);
    }
  };
  const disk = world.files();
  const files: FileStore = {
    read: (path) => disk.read(path),
    async write(path, content) {
      point();
      await disk.write(path, content);
      point();
    },
    rename: async (from, to) => (dead ? undefined : disk.rename(from, to)),
    remove: async (path) => (dead ? undefined : disk.remove(path)),
    list: (dir) => disk.list(dir),
  };
  const core = createAppCore({
    userDataDir: world.userDataDir,
    secretStore: world.secrets,
    clipboard: createFakeClipboard(),
    emit: () => {},
    runtime: 'web',
    rendererUrls: ['http://renderer.test'],
    clock: createFakeClock(),
    files,
    http: {
      adapter: async (config) => {
        if (dead) throw new Crash('after death');
        const mutating = config.method?.toLowerCase() === 'post';
        if (mutating) point(); // dies before the change leaves
        const response = await world.transport(config);
        if (mutating) point(); // the server applied it; the answer is lost
        return response;
      },
      sleep: async () => {},
      healthTimeoutMs: 2_000,
    },
    random: () => 0.5,
  });
  const sender = { id: 'page', url: 'http://renderer.test/', isMainFrame: true };
  core.trustSender(sender.id);
  const call = async <C extends InvokeChannel>(channel: C, input: InvokeInput<C>) => {
    if (dead) return null;
    const result = (await core.dispatch(channel, input, sender)) as Result<InvokeOutput<C>>;
    return dead ? null : result;
  };
  await core.ready;
  return { core, call, isDead: () => dead };
}

export interface CrashOutcome {
  tag: string;
  sessionPoints: number;
  /** What the admin saw succeed. An action that was attempted but not acknowledged may or may not apply. */
  ack: { creates: Set<string>; revokedOld: boolean; cancelledB: boolean; triedCancelB: boolean };
  oldId: string;
}

/** Runs one trial. `tag` prefixes key names so trials can share a server. */
export async function runCrashScenario(world: CrashWorld, tag: string, crashes: [number | null, number | null]): Promise<CrashOutcome> {
  const name = (n: string) => `${tag} ${n}`;
  const ack = { creates: new Set<string>(), revokedOld: false, cancelledB: false, triedCancelB: false };
  const counter = { points: 0 };

  await world.setServerUp(true);
  const setup = await boot(world, null, counter);
  if (!(await setup.call('connection:state', {}))?.ok) throw new Error('setup: state');
  const state = await setup.call('connection:state', {});
  if (state?.ok && state.data.status !== 'online') {
    const connected = await setup.call('connection:connect', { serverUrl: world.serverUrl, adminToken: world.adminToken });
    if (!connected?.ok) throw new Error(`setup: connect ${JSON.stringify(connected)}`);
  }
  const old = await setup.call('keys:create', { ...BASE, name: name('Old') });
  if (!old?.ok) throw new Error(`setup: create ${JSON.stringify(old)}`);
  await setup.core.dispose();
  await world.setServerUp(false);

  counter.points = 0;
  const first = await boot(world, crashes[0], counter);
  const script = async () => {
    const a = await first.call('keys:create', { ...BASE, name: name('A') });
    if (!a?.ok) return;
    ack.creates.add(name('A'));
    const b = await first.call('keys:create', { ...BASE, name: name('B') });
    if (!b?.ok) return;
    ack.creates.add(name('B'));
    if (!(await first.call('keys:revoke', { id: old.data.key.id }))?.ok) return;
    ack.revokedOld = true;
    if (!(await first.call('keys:rotate', { ...BASE, name: name('A'), oldKeyId: a.data.key.id }))?.ok) return;
    ack.creates.add(name('A (rotated)'));
    ack.triedCancelB = true;
    if (!(await first.call('keys:revoke', { id: b.data.key.id }))?.ok) return;
    ack.cancelledB = true;
    if (!(await first.call('keys:create', { ...BASE, name: name('C') }))?.ok) return;
    ack.creates.add(name('C'));
    await world.setServerUp(true);
    await first.call('sync:now', {});
  };
  await script();
  const sessionPoints = counter.points;
  await first.core.dispose();
  await world.setServerUp(true);

  for (const crashAt of [crashes[1], null]) {
    counter.points = 0;
    const next = await boot(world, crashAt, counter);
    for (let i = 0; i < 4 && !next.isDead(); i++) {
      const synced = await next.call('sync:now', {});
      if (synced?.ok && synced.data.pending === 0 && synced.data.status !== 'syncing') break;
    }
    await next.core.dispose();
  }
  return { tag, sessionPoints, ack, oldId: old.data.key.id };
}

export async function checkCrashOutcome(world: CrashWorld, outcome: CrashOutcome): Promise<void> {
  const { ack, tag } = outcome;
  const keys = (await world.serverKeys()).filter((k) => k.name.startsWith(`${tag} `));
  const count = (n: string) => keys.filter((k) => k.name === n).length;
  const name = (n: string) => `${tag} ${n}`;
  for (const n of ['Old', 'A', 'B', 'A (rotated)', 'C']) expect(count(name(n)), `${name(n)} at most once`).toBeLessThanOrEqual(1);
  for (const n of ack.creates) if (!(n === name('B') && ack.triedCancelB)) expect(count(n), `acknowledged ${n} exactly once`).toBe(1);
  if (ack.cancelledB) expect(count(name('B')), 'cancelled B never created').toBe(0);
  if (ack.revokedOld) expect(keys.find((k) => k.id === outcome.oldId)?.status, 'acknowledged revoke applied').toBe('revoked');
  for (const [path, content] of await world.readDisk()) {
    const parsed = JSON.parse(content) as { version: number; data: { outbox?: { state: string }[] } };
    expect(parsed.version, path).toBe(1);
    if (parsed.data.outbox)
      expect(
        parsed.data.outbox.filter((e) => e.state === 'queued'),
        `${path}: queue drained`,
      ).toEqual([]);
  }
}
