/**
 * Main's real composition for integration tests: createAppCore with the real keychain (under a test
 * service name, inside the throw-away keyring that `npm test` / dbus-run-session provides), real
 * atomic files in a temp folder, and real HTTP to a real server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCoreDeps } from '../../src/main/app-core.js';
import type { SenderInfo } from '../../src/main/ports.js';
import { createKeychainSecretStore } from '../../src/main/secrets/secret-store.js';
import { createFakeClipboard } from './fake-clipboard.js';
import { callersOf, NEW_KEY } from './test-core.js';

export const TEST_KEYCHAIN_SERVICE = 'RakerOne Admin (integration tests)';
export const PAGE: SenderInfo = { id: 1, url: 'http://renderer.test/index.html', isMainFrame: true };
export { NEW_KEY };

/** Fails with an explanation (instead of a D-Bus stack trace) when no Secret Service is running. */
export function requireSecretService(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'The keychain tests need a Secret Service on D-Bus. Run them with npm test, or:\n' +
        "  XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run test/integration/main'",
    );
  }
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function realCore(options: { dataDir: string; deps?: Partial<AppCoreDeps> }) {
  const clipboard = createFakeClipboard();
  const events: { event: string; payload: unknown }[] = [];
  const secrets = createKeychainSecretStore({ service: TEST_KEYCHAIN_SERVICE });
  const core = createAppCore({
    userDataDir: options.dataDir,
    secretStore: secrets,
    clipboard,
    emit: (event, payload) => void events.push({ event, payload }),
    runtime: 'web',
    rendererUrls: ['http://renderer.test'],
    http: { backoff: { baseMs: 20, capMs: 100 }, healthTimeoutMs: 1_000, timeoutMs: 5_000 },
    syncBackoff: { baseMs: 50, capMs: 200 },
    probeBackoff: { baseMs: 50, capMs: 200 },
    ...options.deps,
  });
  core.trustSender(PAGE.id);
  await core.ready;
  const { raw, call } = callersOf(core, PAGE);
  return { core, secrets, clipboard, events, raw, call };
}

/** Calls the real server with an arbitrary credential (to prove a generated key works, or stopped working). */
export async function meWith(serverUrl: string, credential: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${serverUrl}/api/me`, { headers: { Authorization: `Bearer ${credential}` } });
  return { status: response.status, body: await response.json() };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
