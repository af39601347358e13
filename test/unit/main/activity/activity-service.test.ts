import { describe, expect, it } from 'vitest';
import type { ApiKeyDto, KeyActivity } from '../../../../src/shared/http/index.js';
import { activityDays, activitySource } from '../../../helpers/fake-activity.js';
import { makeCore, NEW_KEY, type TestCore } from '../../../helpers/test-core.js';

const ID = '00000000-0000-4000-8000-0000000000a1';

function serverKey(now: number): ApiKeyDto {
  return {
    id: ID,
    name: 'Data import service',
    capabilities: ['data-record:read'],
    canImpersonate: false,
    hint: 'rkr_key_…ABCD',
    createdAt: new Date(now - 40 * 86_400_000).toISOString(),
    createdBy: null,
    lastUsedAt: new Date(now - 3_600_000).toISOString(),
    status: 'active',
    revokedAt: null,
    expiresAt: null,
    scheduledRevocation: null,
    suspension: null,
    allowedAddresses: null,
  };
}

function usedActivity(now: number): KeyActivity {
  return {
    days: activityDays(new Date(now), { 0: { requests: 12, refused: 2 }, 3: { requests: 5 } }),
    sources: [activitySource({ address: '203.0.113.7', requests: 17 })],
  };
}

async function signedIn(): Promise<TestCore> {
  const t = await makeCore();
  t.server.keys = [serverKey(t.clock.now())];
  t.server.activity.set(ID, usedActivity(t.clock.now()));
  await t.connect();
  await t.call('keys:list', {});
  return t;
}

async function goOffline(t: TestCore): Promise<void> {
  t.server.down = true;
  await t.call('sync:now', {}); // the link hears the server is gone
}

const activityRequests = (t: TestCore) => t.server.requests.filter((r) => r.path.endsWith('/activity'));

describe('keys:activity', () => {
  it('online: asks the server for 30 days and answers with the date it was given', async () => {
    const t = await signedIn();
    const view = await t.call('keys:activity', { id: ID });
    expect(view).toEqual({ activity: usedActivity(t.clock.now()), asOf: new Date(t.clock.now()).toISOString(), source: 'server' });
    expect(t.server.activityDays).toEqual(['30']);
  });

  it('offline: answers the last answer kept, with its date, without asking the server', async () => {
    const t = await signedIn();
    const online = await t.call('keys:activity', { id: ID });
    await t.clock.advance(5 * 60_000);
    await goOffline(t);
    const before = activityRequests(t).length;
    const offline = await t.call('keys:activity', { id: ID });
    expect(offline).toEqual({ activity: online.activity, asOf: online.asOf, source: 'cache' });
    expect(activityRequests(t)).toHaveLength(before);
  });

  it('offline after a restart: the kept answer is read back from the profile state', async () => {
    const t = await signedIn();
    const online = await t.call('keys:activity', { id: ID });
    await t.core.dispose();
    t.server.down = true;
    const again = await makeCore({ server: t.server, files: t.files, secrets: t.secrets });
    await again.call('keys:list', {});
    expect(await again.call('keys:activity', { id: ID })).toEqual({ activity: online.activity, asOf: online.asOf, source: 'cache' });
  });

  it('offline and never fetched: nothing is known — activity null, never an empty chart', async () => {
    const t = await signedIn();
    await goOffline(t);
    expect(await t.call('keys:activity', { id: ID })).toEqual({ activity: null, asOf: null, source: 'cache' });
  });

  it('the server stops answering mid-call: the kept answer, not an error', async () => {
    const t = await signedIn();
    const online = await t.call('keys:activity', { id: ID });
    t.server.down = true; // the link still believes it is online
    expect(await t.call('keys:activity', { id: ID })).toEqual({ activity: online.activity, asOf: online.asOf, source: 'cache' });
  });

  it('a key the server no longer has (404): the error goes on and what was kept about it is dropped', async () => {
    const t = await signedIn();
    await t.call('keys:activity', { id: ID });
    const keys = t.server.keys;
    t.server.keys = [];
    expect(await t.raw('keys:activity', { id: ID })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    t.server.keys = keys;
    await goOffline(t);
    expect(await t.call('keys:activity', { id: ID })).toEqual({ activity: null, asOf: null, source: 'cache' });
  });

  it('a refusal that is not about reachability is an error, not a silent "no activity"', async () => {
    const t = await signedIn();
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /activity/ };
    expect(await t.raw('keys:activity', { id: ID })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a queued create is not asked about: the server does not have it yet', async () => {
    const t = await signedIn();
    await goOffline(t);
    const created = await t.call('keys:create', NEW_KEY);
    const before = t.server.requests.length;
    expect(await t.call('keys:activity', { id: created.key.id })).toEqual({ activity: null, asOf: null, source: 'queued-create' });
    expect(t.server.requests).toHaveLength(before);
  });

  it('parses its input: an empty id never leaves main', async () => {
    const t = await signedIn();
    expect(await t.raw('keys:activity', { id: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
