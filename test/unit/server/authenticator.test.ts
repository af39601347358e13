import { describe, expect, it, vi } from 'vitest';
import type { ApiKeyAuthRow, HotQueries, PersonAuthRow } from '../../../src/server/db/database.js';
import { createAuthenticator } from '../../../src/server/modules/auth/authenticator.js';
import type { Person } from '../../../src/shared/http/common.js';
import { generateSecret, hashSecret } from '../../../src/shared/key-format.js';

const key = generateSecret('apiKey');
const token = generateSecret('adminToken');
const keyRow: ApiKeyAuthRow = {
  id: 'key-1',
  organization_id: 'org-1',
  name: 'Importer',
  capabilities: JSON.stringify(['data-record:read', 'data-record:delete']),
  can_impersonate: 1,
  last_used_at: null,
  org_slug: 'acme',
  org_name: 'Acme',
};
const personRow: PersonAuthRow = { id: 'p-admin', email: 'a@acme.test', name: 'Ada', role: 'admin', organization_id: 'org-1', org_slug: 'acme', org_name: 'Acme' };
const member: Person = { id: 'p-member', email: 'm@acme.test', name: 'Mo', role: 'member' };

function setup(overrides: Partial<ApiKeyAuthRow> = {}) {
  const hot: HotQueries = {
    apiKeyByHash: vi.fn(async (hash: string) => (hash === hashSecret(key) ? { ...keyRow, ...overrides } : undefined)),
    personByTokenHash: vi.fn(async (hash: string) => (hash === hashSecret(token) ? personRow : undefined)),
    projectsOf: vi.fn(async () => []),
    touchApiKey: vi.fn(async () => undefined),
  };
  const people = { findInOrganization: vi.fn(async (orgId: string, idOrEmail: string) => (orgId === 'org-1' && [member.id, member.email].includes(idOrEmail.toLowerCase()) ? member : undefined)) };
  const lastUsed = { touch: vi.fn(), flush: vi.fn(async () => undefined) };
  return { hot, people, lastUsed, auth: createAuthenticator({ hot, people, lastUsed }) };
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
    expect(principal).toMatchObject({ kind: 'apiKey', actingAs: member, actor: { type: 'person', id: member.id, name: 'Mo', viaKey: { id: 'key-1', name: 'Importer' } } });
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
});
