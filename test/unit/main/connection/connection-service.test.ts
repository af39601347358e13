/**
 * profiles.json can be edited by any process of the same user. A profile pointed somewhere else must
 * never receive the admin token: stored profiles are re-validated with the input rule, and each token
 * is bound to its server in the keychain. In every case no request leaves the machine, and the app
 * says why (connection:state's error, shown on the sign-in screen).
 */
import type { AxiosAdapter } from 'axios';
import { describe, expect, it } from 'vitest';
import { tokenAccountOf } from '../../../../src/main/secrets/token-vault.js';
import { makeCore, SERVER_URL } from '../../../helpers/test-core.js';

const PROFILES = '/data/profiles.json';

/** Signs in, then edits the stored active profile as another process would. */
async function signedInThenTampered(edit: (profile: Record<string, unknown>) => void) {
  const first = await makeCore();
  await first.connect();
  await first.core.dispose();
  const file = JSON.parse(first.files.data.get(PROFILES)!) as { data: { profiles: Record<string, unknown>[] } };
  edit(file.data.profiles[0]!);
  first.files.data.set(PROFILES, JSON.stringify(file));
  return first;
}

/** Restarts the app on the same disk and keychain, recording every request it makes. */
async function restart(first: Awaited<ReturnType<typeof signedInThenTampered>>) {
  const sent: string[] = [];
  const adapter: AxiosAdapter = (config) => {
    sent.push(`${config.baseURL ?? ''}${config.url ?? ''}`);
    return first.server.adapter(config);
  };
  const second = await makeCore({ server: first.server, files: first.files, secrets: first.secrets, deps: { http: { adapter, sleep: async () => {} } } });
  return { second, sent };
}

describe('a tampered profiles.json', () => {
  it('a server URL outside the rule (plain http to another machine): the profile is not used, nothing is sent, the app says why', async () => {
    const first = await signedInThenTampered((p) => (p.serverUrl = 'http://evil.example.com'));
    const { second, sent } = await restart(first);
    const state = await second.call('connection:state', {});
    await second.clock.advance(120_000);
    expect(sent).toEqual([]);
    expect(state).toMatchObject({
      status: 'disconnected',
      profile: null,
      error: { code: 'VALIDATION', message: expect.stringContaining('changed outside RakerOne Admin') },
    });
    expect(state.error?.message).toContain('http://evil.example.com');
  });

  it('another https origin: the token is bound to the server it was saved for, so it is never read for this one', async () => {
    const first = await signedInThenTampered((p) => (p.serverUrl = 'https://evil.example'));
    const { second, sent } = await restart(first);
    const state = await second.call('connection:state', {});
    await second.clock.advance(120_000);
    expect(sent).toEqual([]);
    expect(state).toMatchObject({
      status: 'unauthorized',
      error: { code: 'VALIDATION', message: expect.stringContaining('No admin token is saved for https://evil.example') },
    });
    expect((await second.raw('keys:list', {})).ok).toBe(false);
    expect(sent).toEqual([]);
  });

  it('a remote profile marked local (whose token binding is "this computer"): refused, nothing sent', async () => {
    const first = await signedInThenTampered((p) => (p.isLocal = true));
    const { second, sent } = await restart(first);
    expect(await second.call('connection:state', {})).toMatchObject({
      status: 'disconnected',
      error: { code: 'VALIDATION', message: expect.stringContaining('this computer') },
    });
    expect(sent).toEqual([]);
  });

  it('signing in again replaces the tampered profile and resumes its queue', async () => {
    const first = await signedInThenTampered((p) => (p.serverUrl = 'http://evil.example.com'));
    const { second } = await restart(first);
    const state = await second.call('connection:connect', { serverUrl: SERVER_URL, adminToken: second.server.adminToken });
    expect(state).toMatchObject({ status: 'online', error: null });
  });
});

describe('a token saved by an earlier version (keychain account = the profile id alone)', () => {
  it('is not trusted: the admin is asked to sign in again, once, and told why; nothing is sent', async () => {
    const first = await makeCore();
    const connected = await first.connect();
    await first.core.dispose();
    const account = tokenAccountOf(connected.profile!);
    expect(account).toBe(`${connected.profile!.id} ${SERVER_URL}`);
    first.secrets.entries.set(connected.profile!.id, first.secrets.entries.get(account)!);
    first.secrets.entries.delete(account);
    const { second, sent } = await restart(first);
    expect(await second.call('connection:state', {})).toMatchObject({
      status: 'unauthorized',
      error: { code: 'VALIDATION', message: expect.stringContaining('earlier version') },
    });
    expect(sent).toEqual([]);
    await second.connect();
    expect([...second.secrets.entries.keys()]).toEqual([account]);
  });
});
