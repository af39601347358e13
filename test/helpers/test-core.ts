/** Builds an app core on fakes only (memory files, memory keychain, fake server, fake clock, fake clipboard). */
import { createAppCore, type AppCore, type AppCoreDeps } from '../../src/main/app-core.js';
import { createMemorySecretStore } from '../../src/main/secrets/secret-store.js';
import type { SenderInfo } from '../../src/main/ports.js';
import type { InvokeChannel, InvokeInput, InvokeOutput } from '../../src/shared/ipc/contract.js';
import type { Result } from '../../src/shared/errors.js';
import { createFakeClipboard } from './fake-clipboard.js';
import { createFakeClock } from './fake-clock.js';
import { createFakeServer, type FakeServer } from './fake-server.js';
import { createMemoryFiles } from './memory-files.js';

export const RENDERER_URL = 'http://renderer.test';
export const PAGE: SenderInfo = { id: 'page-1', url: `${RENDERER_URL}/index.html#/keys`, isMainFrame: true };
export const SERVER_URL = 'https://rakerone.test';

export type TestCore = Awaited<ReturnType<typeof makeCore>>;

/**
 * Typed ways to call a core as the renderer would: `raw` returns the Result, `call` returns the data
 * or throws with the error's code and message (for tests where failure is not the point).
 */
export function callersOf(core: AppCore, sender: SenderInfo) {
  const raw = <C extends InvokeChannel>(channel: C, input: InvokeInput<C>) => core.dispatch(channel, input, sender) as Promise<Result<InvokeOutput<C>>>;
  const call = async <C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> => {
    const result = await raw(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.data;
  };
  return { raw, call };
}

export async function makeCore(
  options: {
    server?: FakeServer;
    files?: ReturnType<typeof createMemoryFiles>;
    secrets?: ReturnType<typeof createMemorySecretStore>;
    deps?: Partial<AppCoreDeps>;
  } = {},
) {
  const server = options.server ?? createFakeServer();
  const clock = createFakeClock();
  const files = options.files ?? createMemoryFiles();
  const secrets = options.secrets ?? createMemorySecretStore();
  const clipboard = createFakeClipboard();
  const events: { event: string; payload: unknown }[] = [];
  const core = createAppCore({
    userDataDir: '/data',
    secretStore: secrets,
    clipboard,
    emit: (event, payload) => void events.push({ event, payload }),
    runtime: 'web',
    rendererUrls: [RENDERER_URL],
    clock,
    files,
    http: { adapter: server.adapter, sleep: async () => {} },
    random: () => 0.5,
    ...options.deps,
  });
  core.trustSender(PAGE.id);
  await core.ready;
  const { raw, call } = callersOf(core, PAGE);
  const connect = () => call('connection:connect', { serverUrl: SERVER_URL, adminToken: server.adminToken });
  return { core, server, clock, files, secrets, clipboard, events, raw, call, connect };
}

/** The IPC input as a caller sends it (no `expiresAt`: read as null, as from a renderer before expiry). */
export const NEW_KEY: InvokeInput<'keys:create'> = {
  name: 'Data import service',
  capabilities: ['data-record:read', 'data-record:write'],
  canImpersonate: false,
};
