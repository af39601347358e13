/**
 * The token vault on the real keychain (Secret Service), driven through main's real core: a token
 * saved by an earlier version (keychain account = the profile id alone) must never follow a profile
 * whose kind was flipped in profiles.json to a loopback listener.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tokenAccountOf } from '../../../../src/main/secrets/token-vault.js';
import { realCore, requireSecretService, tempDir } from '../../../helpers/real-core.js';
import { startTestServer } from '../../../helpers/test-server.js';

/** A loopback HTTP listener that records every request it gets and answers like a healthy server. */
async function recordingListener() {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    const healthy = req.url === '/api/health';
    const body = healthy
      ? { status: 'ok', database: 'ok', driver: 'sqlite', version: '1.0.0' }
      : { error: { code: 'UNAUTHORIZED', message: 'recorded', requestId: 'r' } };
    res.writeHead(healthy ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a token saved before origin binding, for a profile edited from remote to local', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(requireSecretService);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is never read: nothing reaches the loopback listener, and the app asks to sign in again', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const dir = tempDir('rakerone-vault-');
    cleanups.push(() => dir.remove());

    // Sign in to a real (remote-kind) server, then make the keychain look as an earlier version left it.
    const first = await realCore({ dataDir: dir.path });
    const connected = await first.call('connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    const profile = connected.profile!;
    expect(profile.isLocal).toBe(false);
    const bound = tokenAccountOf(profile);
    await first.core.dispose();
    const token = await first.secrets.get(bound);
    expect(token).toBe(server.adminToken);
    await first.secrets.set(profile.id, token!);
    await first.secrets.delete(bound);
    cleanups.push(async () => void (await first.secrets.delete(profile.id)));

    // Another process of the same user edits profiles.json: the profile is now "local", on its listener.
    const listener = await recordingListener();
    cleanups.push(() => listener.close());
    const profilesPath = join(dir.path, 'profiles.json');
    const file = JSON.parse(readFileSync(profilesPath, 'utf8')) as { data: { profiles: { id: string; isLocal: boolean; serverUrl: string }[] } };
    const stored = file.data.profiles.find((p) => p.id === profile.id)!;
    stored.isLocal = true;
    stored.serverUrl = listener.url;
    writeFileSync(profilesPath, JSON.stringify(file));

    const second = await realCore({ dataDir: dir.path });
    cleanups.push(() => second.core.dispose());
    const state = await second.call('connection:state', {});
    const list = await second.raw('keys:list', {});
    await second.raw('sync:now', {});

    const withCredential = listener.requests.filter((r) => r.headers.authorization !== undefined).map((r) => r.url);
    expect(withCredential).toEqual([]);
    expect(JSON.stringify(listener.requests)).not.toContain(token!);
    expect(state).toMatchObject({ status: 'unauthorized', error: { code: 'VALIDATION', message: expect.stringContaining('earlier version') } });
    expect(list.ok).toBe(false);
    // The old entry is still where it was: the next sign-in replaces it; nothing else read it.
    expect(await second.secrets.get(profile.id)).toBe(token);
  });
});
