import { describe, expect, it, vi } from 'vitest';
import type { ApiKeyAuthRow, HotQueries, PersonAuthRow } from '../../../../../src/server/db/database.js';
import { createAuthenticator } from '../../../../../src/server/modules/auth/authenticator.js';
import type { Person } from '../../../../../src/shared/http/common.js';
import { generateSecret, hashSecret } from '../../../../../src/shared/key-format.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';

const key = generateSecret('apiKey');
const token = generateSecret('adminToken');
const keyRow: ApiKeyAuthRow = {
  id: 'key-1',
  organization_id: 'org-1',
  name: 'Importer',
  capabilities: JSON.stringify(['data-record:read', 'data-record:delete']),
  can_impersonate: 1,
  last_used_at: null,
  expires_at: null,
  retire_at: null,
  first_used_at: '2026-01-01T00:00:00.000Z',
  org_slug: 'acme',
  org_name: 'Acme',
  auth_epoch: 7,
  allowed_addresses: null,
};
const personRow: PersonAuthRow = {
  id: 'p-admin',
  email: 'a@acme.test',
  name: 'Ada',
  role: 'admin',
  organization_id: 'org-1',
  org_slug: 'acme',
  org_name: 'Acme',
  auth_epoch: 7,
};
const member: Person = { id: 'p-member', email: 'm@acme.test', name: 'Mo', role: 'member' };

/** A store whose epoch the test moves (as the database's triggers would on a revocation). */
function setup(overrides: Partial<ApiKeyAuthRow> = {}, readsCommittedOnly = true) {
  const state = { epoch: 7 };
  const hot: HotQueries = {
    authEpoch: vi.fn(async () => state.epoch),
    readsCommittedOnly,
    apiKeyByHash: vi.fn(async (hash: string) => (hash === hashSecret(key) ? { ...keyRow, auth_epoch: state.epoch, ...overrides } : undefined)),
    personByTokenHash: vi.fn(async (hash: string) => (hash === hashSecret(token) ? { ...personRow, auth_epoch: state.epoch } : undefined)),
    projectsOf: vi.fn(async () => []),
    touchApiKey: vi.fn(async () => undefined),
    countAuthFailure: vi.fn(async () => ({ windowStart: 0, failures: 1 })),
    pruneAuthFailures: vi.fn(async () => undefined),
  };
  const people = {
    findInOrganization: vi.fn(async (orgId: string, idOrEmail: string) =>
      orgId === 'org-1' && [member.id, member.email].includes(idOrEmail.toLowerCase()) ? member : undefined,
    ),
  };
  const lastUsed = { touch: vi.fn(), flush: vi.fn(async () => undefined) };
  const clock = createManualClock();
  const keyTimes = { recordFirstUse: vi.fn(async () => true), retirementDue: vi.fn() };
  return { hot, people, lastUsed, state, clock, keyTimes, auth: createAuthenticator({ hot, people, lastUsed, clock, keyTimes }) };
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('authenticator', () => {
  it('rejects missing and malformed credentials before any lookup', async () => {
    const { auth, hot } = setup();
    for (const header of [undefined, '', 'Bearer', `Token ${key}`, `Bearer ${key.slice(1)}`, `Bearer ${key}x`, 'Bearer rkr_key_' + 'A'.repeat(38)]) {
      expect(await codeOf(auth.authenticate(header, undefined))).toBe('UNAUTHORIZED');
    }
    expect(hot.apiKeyByHash).not.toHaveBeenCalled();
    expect(hot.personByTokenHash).not.toHaveBeenCalled();
  });

  it('looks a well-formed secret up once, by its hash, in the table of its kind', async () => {
    const { auth, hot, lastUsed } = setup();
    const principal = await auth.authenticate(`bearer ${key}`, undefined);
    expect(hot.apiKeyByHash).toHaveBeenCalledExactlyOnceWith(hashSecret(key));
    expect(hot.personByTokenHash).not.toHaveBeenCalled();
    expect(principal).toMatchObject({ kind: 'apiKey', actingAs: null, actor: { type: 'apiKey', id: 'key-1', name: 'Importer', viaKey: null } });
    expect([...principal.capabilities]).toEqual(['data-record:read', 'data-record:delete']);
    expect(lastUsed.touch).toHaveBeenCalledWith('key-1', null);

    const person = await auth.authenticate(`Bearer ${token}`, undefined);
    expect(person).toMatchObject({ kind: 'person', person: { id: 'p-admin', role: 'admin' } });
    expect(person.capabilities.size).toBe(22);
  });

  it('treats an unknown (or revoked: filtered by the query) secret as 401 and does not mark it used', async () => {
    const { auth, lastUsed } = setup();
    expect(await codeOf(auth.authenticate(`Bearer ${generateSecret('apiKey')}`, undefined))).toBe('UNAUTHORIZED');
    expect(await codeOf(auth.authenticate(`Bearer ${generateSecret('adminToken')}`, undefined))).toBe('UNAUTHORIZED');
    expect(lastUsed.touch).not.toHaveBeenCalled();
  });

  it('impersonates a person of the organization with the key ∩ role capabilities, recorded via the key', async () => {
    const { auth } = setup();
    const principal = await auth.authenticate(`Bearer ${key}`, 'M@acme.test');
    expect(principal).toMatchObject({
      kind: 'apiKey',
      actingAs: member,
      actor: { type: 'person', id: member.id, name: 'Mo', viaKey: { id: 'key-1', name: 'Importer' } },
    });
    expect([...principal.capabilities]).toEqual(['data-record:read']);
  });

  it('refuses impersonation without canImpersonate (403), by people (403), and of strangers (404)', async () => {
    expect(await codeOf(setup({ can_impersonate: 0 }).auth.authenticate(`Bearer ${key}`, member.id))).toBe('FORBIDDEN');
    const { auth, people, lastUsed } = setup();
    expect(await codeOf(auth.authenticate(`Bearer ${token}`, member.id))).toBe('FORBIDDEN');
    expect(await codeOf(auth.authenticate(`Bearer ${key}`, 'stranger@elsewhere.test'))).toBe('NOT_FOUND');
    expect(await codeOf(auth.authenticate(`Bearer ${key}`, '   '))).toBe('VALIDATION');
    expect(people.findInOrganization).toHaveBeenCalledWith('org-1', 'stranger@elsewhere.test');
    expect(lastUsed.touch).not.toHaveBeenCalled();
  });

  it('serves a credential proven under the current epoch without a lookup, and looks it up again once the epoch moves', async () => {
    const { auth, hot, state, lastUsed } = setup();
    const first = await auth.authenticate(`Bearer ${key}`, undefined);
    const second = await auth.authenticate(`Bearer ${key}`, undefined);
    await auth.authenticate(`Bearer ${token}`, undefined);
    await auth.authenticate(`Bearer ${token}`, undefined);
    expect(second).toBe(first);
    expect(hot.apiKeyByHash).toHaveBeenCalledTimes(1);
    expect(hot.personByTokenHash).toHaveBeenCalledTimes(1);
    expect(hot.authEpoch).toHaveBeenCalledTimes(4);
    expect(auth.cachedCredentials()).toBe(2);
    // Every use is still a use, cached or not.
    expect(lastUsed.touch).toHaveBeenCalledTimes(2);

    // A revocation anywhere bumps the epoch: the next request looks up again, and a revoked key is refused.
    state.epoch = 8;
    vi.mocked(hot.apiKeyByHash).mockResolvedValueOnce(undefined);
    expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined))).toBe('UNAUTHORIZED');
    expect(hot.apiKeyByHash).toHaveBeenCalledTimes(2);
    expect(await codeOf(auth.authenticate(`Bearer ${token}`, undefined))).toBe('ok');
    expect(hot.personByTokenHash).toHaveBeenCalledTimes(2);
  });

  it('keeps no cache when the hot reads may see uncommitted writes (in-memory SQLite)', async () => {
    const { auth, hot } = setup({}, false);
    await auth.authenticate(`Bearer ${key}`, undefined);
    await auth.authenticate(`Bearer ${key}`, undefined);
    expect(hot.apiKeyByHash).toHaveBeenCalledTimes(2);
    expect(auth.cachedCredentials()).toBe(0);
  });

  it('never serves an entry whose epoch differs from the one read by this request, older or newer', async () => {
    const { auth, hot, state } = setup();
    await auth.authenticate(`Bearer ${key}`, undefined);
    // A slow reader (another pool connection) still answers the old epoch after a newer one was seen.
    state.epoch = 9;
    await auth.authenticate(`Bearer ${key}`, undefined);
    vi.mocked(hot.authEpoch).mockResolvedValueOnce(7);
    await auth.authenticate(`Bearer ${key}`, undefined);
    expect(hot.apiKeyByHash).toHaveBeenCalledTimes(3);
  });

  it('does not cache impersonation: the person is resolved on every request', async () => {
    const { auth, people } = setup();
    await auth.authenticate(`Bearer ${key}`, member.id);
    await auth.authenticate(`Bearer ${key}`, member.id);
    expect(people.findInOrganization).toHaveBeenCalledTimes(2);
  });

  it('refuses a cached key from its expiry on, without waiting for a lookup or a write, and says it expired', async () => {
    const expiresAt = '2026-03-01T12:01:00.000Z';
    const { auth, hot, clock, keyTimes } = setup({ expires_at: expiresAt });
    clock.advance(59_999);
    expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined))).toBe('ok');
    expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined))).toBe('ok');
    expect(hot.apiKeyByHash).toHaveBeenCalledTimes(1);
    clock.advance(1);
    const refused = await auth.authenticate(`Bearer ${key}`, undefined).catch((error: unknown) => error as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/expired/) });
    expect(keyTimes.retirementDue).not.toHaveBeenCalled();
  });

  it('refuses a key from its scheduled retirement on (the earlier of the two bounds) and asks for the revocation to be written', async () => {
    const { auth, clock, keyTimes } = setup({ expires_at: '2026-03-01T13:00:00.000Z', retire_at: '2026-03-01T12:00:30.000Z' });
    expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined))).toBe('ok');
    clock.advance(30_000);
    const refused = await auth.authenticate(`Bearer ${key}`, undefined).catch((error: unknown) => error as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', message: 'This credential is invalid or has been revoked' });
    expect(keyTimes.retirementDue).toHaveBeenCalledWith('org-1', 'key-1');
  });

  it("records a key's first use once, before answering, and never again on this process", async () => {
    const { auth, keyTimes } = setup({ first_used_at: null });
    let resolveWrite!: () => void;
    keyTimes.recordFirstUse.mockImplementationOnce(() => new Promise((resolve) => (resolveWrite = () => resolve(true))));
    let done = false;
    const first = auth.authenticate(`Bearer ${key}`, undefined).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    resolveWrite();
    await first;
    for (let i = 0; i < 3; i++) await auth.authenticate(`Bearer ${key}`, undefined);
    expect(keyTimes.recordFirstUse).toHaveBeenCalledExactlyOnceWith('key-1', '2026-03-01T12:00:00.000Z');
  });

  describe('allowed addresses', () => {
    const restricted = { allowed_addresses: JSON.stringify(['203.0.113.0/24', '2001:db8::/32']), first_used_at: null };

    it('admits a request from inside the list (IPv4, IPv6, an IPv4-mapped peer) and refuses one from outside with 403 naming the caller', async () => {
      const { auth } = setup(restricted);
      for (const ip of ['203.0.113.9', '::ffff:203.0.113.200', '2001:db8:1::7'])
        expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined, { ip }))).toBe('ok');
      const refused = await auth
        .authenticate(`Bearer ${key}`, undefined, { ip: '::ffff:198.51.100.4' })
        .catch((error: unknown) => error as { code: string; message: string });
      expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'This API key may not be used from 198.51.100.4' });
      expect((refused as { message: string }).message).not.toContain('203.0.113');
    });

    it('refuses a key with a list when the origin is unknown, and admits a key without one from anywhere', async () => {
      expect(await codeOf(setup(restricted).auth.authenticate(`Bearer ${key}`, undefined))).toBe('FORBIDDEN');
      expect(await codeOf(setup().auth.authenticate(`Bearer ${key}`, undefined, { ip: '198.51.100.4' }))).toBe('ok');
    });

    it('refuses before counting a use: no first use, no last used, no impersonation lookup', async () => {
      const { auth, keyTimes, lastUsed, people } = setup(restricted);
      expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined, { ip: '198.51.100.4' }))).toBe('FORBIDDEN');
      expect(await codeOf(auth.authenticate(`Bearer ${key}`, member.id, { ip: '198.51.100.4' }))).toBe('FORBIDDEN');
      expect(keyTimes.recordFirstUse).not.toHaveBeenCalled();
      expect(lastUsed.touch).not.toHaveBeenCalled();
      expect(people.findInOrganization).not.toHaveBeenCalled();
    });

    it('checks cached credentials too, and reads a changed list once the epoch moves', async () => {
      const { auth, hot, state } = setup(restricted);
      expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined, { ip: '203.0.113.9' }))).toBe('ok');
      expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined, { ip: '198.51.100.4' }))).toBe('FORBIDDEN');
      expect(hot.apiKeyByHash).toHaveBeenCalledTimes(1);
      // The list narrowed elsewhere: the trigger bumped the epoch.
      state.epoch = 8;
      vi.mocked(hot.apiKeyByHash).mockResolvedValueOnce({ ...keyRow, auth_epoch: 8, allowed_addresses: JSON.stringify(['198.51.100.4/32']) });
      expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined, { ip: '203.0.113.9' }))).toBe('FORBIDDEN');
      expect(await codeOf(auth.authenticate(`Bearer ${key}`, undefined, { ip: '198.51.100.4' }))).toBe('ok');
    });
  });
});
