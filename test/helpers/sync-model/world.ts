/**
 * The world a model-based sync history runs in: the REAL main-process core (createAppCore, real atomic
 * files in a temp folder, real HTTP) against a REAL RakerOne server (SQLite), one fresh organization
 * per history. Only three things are ours, each as faithful as we can make it:
 * - a gate in the HTTP transport: the server "down" (connections refused: nothing sent), "flapping"
 *   (some requests refused, some applied by the server and their answer lost — a timeout);
 * - crash injection: the process dies at a chosen "point" (before/after any file write, before a
 *   change is sent or after the server applied it); a dead process does nothing more;
 * - a fake clock (probes and retries fire when the history says time passes) and an in-memory
 *   keychain (the real one is proven by the keychain tests; here it would only be slow).
 */
import axios, { AxiosError, type AxiosAdapter } from 'axios';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../../src/main/app-core.js';
import type { FileStore, SecretStore } from '../../../src/main/ports.js';
import { createMemorySecretStore } from '../../../src/main/secrets/secret-store.js';
import { createAtomicFileStore } from '../../../src/main/store/atomic-file-store.js';
import type { Result } from '../../../src/shared/errors.js';
import type { ApiKeyDto } from '../../../src/shared/http/index.js';
import type { InvokeChannel, InvokeInput, InvokeOutput } from '../../../src/shared/ipc/contract.js';
import { createFakeClipboard } from '../fake-clipboard.js';
import { createFakeClock, type FakeClock } from '../fake-clock.js';
import { Crash } from '../memory-files.js';

export type Gate = { mode: 'up' } | { mode: 'down' } | { mode: 'flap'; seed: number };

const SENDER = { id: 'page', url: 'http://renderer.test/', isMainFrame: true };
const httpAdapter = axios.getAdapter('http') as AxiosAdapter;

/** A small deterministic PRNG (mulberry32), so a flapping history replays exactly when shrunk. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface App {
  core: AppCore;
  clock: FakeClock;
  isDead(): boolean;
  /** The process is killed: whatever it still had in flight (a drain, a write) dies with it. */
  kill(): void;
  /** The Result, or null when the process died during (or before) the call: not acknowledged. */
  call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>> | null>;
}

export class World {
  gate: Gate = { mode: 'up' };
  private random = prng(1);
  /** Crash at this many points from now (null: no crash armed). */
  private crashIn: number | null = null;
  private readonly files: FileStore = createAtomicFileStore();
  /** Writes under way: a killed process's write finished or never happened before the next one starts. */
  private readonly writing = new Set<Promise<void>>();
  readonly secrets: SecretStore = createMemorySecretStore();
  app: App | null = null;

  constructor(
    readonly serverUrl: string,
    readonly adminToken: string,
    readonly dataDir: string,
  ) {}

  setGate(gate: Gate) {
    this.gate = gate;
    if (gate.mode === 'flap') this.random = prng(gate.seed);
  }

  armCrash(points: number) {
    this.crashIn = points;
  }

  /** Starts the app on the data folder (as after a restart): the session comes back from disk. */
  async boot(): Promise<App> {
    let dead = false;
    const point = () => {
      if (dead) throw new Crash('after death');
      if (this.crashIn === null) return;
      if (this.crashIn-- <= 0) {
        this.crashIn = null;
        dead = true;
        throw new Crash('at a chosen point');
      }
    };
    const disk = this.files;
    const writing = this.writing;
    const files: FileStore = {
      read: (path) => disk.read(path),
      async write(path, content) {
        point();
        const write = disk.write(path, content);
        writing.add(write);
        try {
          await write;
        } finally {
          writing.delete(write);
        }
        point();
      },
      rename: async (from, to) => (dead ? undefined : disk.rename(from, to)),
      remove: async (path) => (dead ? undefined : disk.remove(path)),
      list: (dir) => disk.list(dir),
    };
    const transport: AxiosAdapter = async (config) => {
      if (dead) throw new Crash('after death');
      const mutating = config.method !== undefined && config.method.toLowerCase() !== 'get';
      const gate = this.gate;
      const roll = gate.mode === 'flap' ? this.random() : 1;
      if (gate.mode === 'down' || roll < 0.25) throw new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', config);
      if (mutating) point(); // dies before the change leaves
      const response = await httpAdapter(config);
      if (mutating) point(); // the server applied it; the answer is lost with the process
      if (roll < 0.45) throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED', config); // applied, answer lost
      return response;
    };
    // Main judges a key's end (an expiry, a retirement time) by this clock and the server by real
    // time: the app's clock starts at the real now, so a time ahead for one is ahead for the other.
    const clock = createFakeClock(Date.now());
    const core = createAppCore({
      userDataDir: this.dataDir,
      secretStore: this.secrets,
      clipboard: createFakeClipboard(),
      emit: () => {},
      runtime: 'web',
      rendererUrls: ['http://renderer.test'],
      clock,
      files,
      http: { adapter: transport, sleep: async () => {}, healthTimeoutMs: 2_000 },
      random: () => 0.5,
    });
    core.trustSender(SENDER.id);
    await core.ready.catch(() => undefined);
    const app: App = {
      core,
      clock,
      isDead: () => dead,
      kill: () => {
        dead = true;
      },
      async call(channel, input) {
        if (dead) return null;
        const result = (await core.dispatch(channel, input, SENDER)) as Result<InvokeOutput<typeof channel>>;
        return dead ? null : result;
      },
    };
    this.app = app;
    return app;
  }

  /**
   * Quit and start again. The old process is gone for good: like a real one, nothing it had in flight
   * (a drain, a write) goes on beside the new one, which starts from what is on disk.
   */
  async restart(): Promise<App> {
    await this.stop();
    return this.boot();
  }

  async stop(): Promise<void> {
    this.app?.kill();
    // An atomic write the process had begun either completed before it died or never happened: let
    // it finish now, so it cannot land after the next process has started (a real one could not).
    await Promise.allSettled([...this.writing]);
    await this.app?.core.dispose().catch(() => undefined);
  }

  /** The running app, restarted first if it died (the admin opens it again). */
  async alive(): Promise<App> {
    if (!this.app || this.app.isDead()) return this.restart();
    return this.app;
  }

  async serverKeys(): Promise<ApiKeyDto[]> {
    const response = await fetch(`${this.serverUrl}/api/admin/api-keys?status=all&limit=1000`, { headers: { Authorization: `Bearer ${this.adminToken}` } });
    if (!response.ok) throw new Error(`listing the server's keys failed: ${response.status}`);
    return ((await response.json()) as { items: ApiKeyDto[] }).items;
  }

  /** The audit trail's actions about one key, oldest last (as the server lists them). */
  async auditActions(keyId: string): Promise<string[]> {
    const response = await fetch(`${this.serverUrl}/api/admin/audit-events?apiKeyId=${keyId}&limit=100`, {
      headers: { Authorization: `Bearer ${this.adminToken}` },
    });
    if (!response.ok) throw new Error(`listing the audit trail failed: ${response.status}`);
    return ((await response.json()) as { items: { action: string }[] }).items.map((event) => event.action);
  }

  /** 200 if the credential works against the server, else the status (401 once revoked). */
  async statusWith(secret: string): Promise<number> {
    return (await fetch(`${this.serverUrl}/api/me`, { headers: { Authorization: `Bearer ${secret}` } })).status;
  }

  /** Every stored file's content (profiles, state, anything kept aside). */
  async disk(): Promise<string[]> {
    const out: string[] = [];
    for (const entry of await readdir(this.dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) out.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
    }
    return out;
  }
}
