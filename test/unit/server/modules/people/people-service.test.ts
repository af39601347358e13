import { describe, expect, it } from 'vitest';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../../../../../src/server/db/schema.js';
import type { NewAuditEvent } from '../../../../../src/server/modules/audit/audit-repository.js';
import type { PeopleRepository } from '../../../../../src/server/modules/people/people-repository.js';
import { createPeopleService } from '../../../../../src/server/modules/people/people-service.js';
import type { Organization, Person, ProjectRef } from '../../../../../src/shared/http/common.js';
import { checkSecret, hashSecret } from '../../../../../src/shared/key-format.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';

function fakes() {
  const orgs: Organization[] = [];
  const people: (Person & { organizationId: string })[] = [];
  const tokens: { personId: string; secretHash: string; hint: string; revoked?: boolean }[] = [];
  // One transaction object per transaction, so a test can tell what was written inside which.
  const transactions: Transaction<DatabaseSchema>[] = [];
  const writes: { trx: Transaction<DatabaseSchema>; what: string }[] = [];
  const events: NewAuditEvent[] = [];
  const kysely = {
    transaction: () => ({
      execute: async <T>(fn: (trx: Transaction<DatabaseSchema>) => Promise<T>) => {
        const trx = { id: transactions.length } as unknown as Transaction<DatabaseSchema>;
        transactions.push(trx);
        return fn(trx);
      },
    }),
  } as unknown as Kysely<DatabaseSchema>;
  const audit = {
    append: async (trx: Transaction<DatabaseSchema>, event: NewAuditEvent) => {
      writes.push({ trx, what: event.action });
      events.push(event);
    },
  };
  const projects: (ProjectRef & { organizationId: string })[] = [];
  const peopleRepo: PeopleRepository = {
    findOrganizationBySlug: async (slug) => orgs.find((o) => o.slug === slug),
    insertOrganization: async (org, seedProject) => {
      if (orgs.some((o) => o.slug === org.slug)) return false;
      orgs.push(org);
      projects.push({ ...seedProject, organizationId: org.id });
      return true;
    },
    findInOrganization: async (orgId, idOrEmail) => {
      const found = people.find((p) => p.organizationId === orgId && (p.id === idOrEmail || p.email === idOrEmail.toLowerCase()));
      return found && { id: found.id, email: found.email, name: found.name, role: found.role };
    },
    insertPerson: async (organizationId, person) => {
      if (people.some((p) => p.organizationId === organizationId && p.email === person.email)) return false;
      people.push({ ...person, organizationId });
      return true;
    },
    insertAdminToken: async (trx, token) => {
      writes.push({ trx, what: 'token' });
      tokens.push(token);
    },
    revokeAdminTokens: async (trx, personId) => {
      writes.push({ trx, what: 'revoke' });
      const active = tokens.filter((t) => t.personId === personId && !t.revoked);
      for (const t of active) t.revoked = true;
      return active.length;
    },
  };
  const service = createPeopleService({ db: { kysely }, people: peopleRepo, audit, clock: createManualClock('2026-01-01T00:00:00.000Z') });
  return { service, peopleRepo, orgs, people, tokens, projects, events, writes };
}

describe('people service', () => {
  it('creates the organization with its seed project, the person, and a token stored only as a hash', async () => {
    const { service, orgs, people, tokens, projects } = fakes();
    const result = await service.addPerson({ orgSlug: ' Acme ', email: 'Ada@Acme.TEST', role: 'admin', name: 'Ada' });
    expect(result).toMatchObject({
      organizationCreated: true,
      personCreated: true,
      organization: { slug: 'acme' },
      person: { email: 'ada@acme.test', name: 'Ada', role: 'admin' },
    });
    expect(checkSecret(result.token)).toBe('adminToken');
    expect(orgs).toHaveLength(1);
    expect(projects).toEqual([expect.objectContaining({ name: 'Operations', organizationId: result.organization.id })]);
    expect(people).toHaveLength(1);
    expect(tokens).toEqual([expect.objectContaining({ personId: result.person.id, secretHash: hashSecret(result.token) })]);
    expect(JSON.stringify(tokens)).not.toContain(result.token);
  });

  it('reuses an existing organization and person, and issues a new token each time', async () => {
    const { service, orgs, people, projects } = fakes();
    const first = await service.addPerson({ orgSlug: 'acme', email: 'ada@acme.test', role: 'admin' });
    const second = await service.addPerson({ orgSlug: 'acme', email: 'ADA@acme.test', role: 'member' });
    expect(second).toMatchObject({ organizationCreated: false, personCreated: false, person: { id: first.person.id, role: 'admin', name: 'ada' } });
    expect(second.token).not.toBe(first.token);
    expect([orgs.length, people.length, projects.length]).toEqual([1, 1, 1]);
  });

  it('uses the organization and person another process created in the meantime', async () => {
    const { service, peopleRepo, orgs, people } = fakes();
    // Another `people add` wins both races: our lookups saw nothing, our inserts find duplicates.
    const realFindOrg = peopleRepo.findOrganizationBySlug;
    const realFindPerson = peopleRepo.findInOrganization;
    let orgLookups = 0;
    let personLookups = 0;
    peopleRepo.findOrganizationBySlug = async (slug) => (orgLookups++ === 0 ? undefined : realFindOrg(slug));
    peopleRepo.findInOrganization = async (orgId, email) => (personLookups++ === 0 ? undefined : realFindPerson(orgId, email));
    orgs.push({ id: 'org-theirs', slug: 'acme', name: 'acme' });
    people.push({ id: 'p-theirs', email: 'ada@acme.test', name: 'Ada', role: 'admin', organizationId: 'org-theirs' });
    const result = await service.addPerson({ orgSlug: 'acme', email: 'ada@acme.test', role: 'admin' });
    expect(result).toMatchObject({ organizationCreated: false, personCreated: false, organization: { id: 'org-theirs' }, person: { id: 'p-theirs' } });
    expect([orgs.length, people.length]).toEqual([1, 1]);
  });

  it('audits issuing and revoking admin tokens in the same transaction as the write, by the system actor', async () => {
    const { service, events, writes } = fakes();
    const added = await service.addPerson({ orgSlug: 'acme', email: 'ada@acme.test', role: 'admin', name: 'Ada' });
    await service.addPerson({ orgSlug: 'acme', email: 'ada@acme.test', role: 'admin' });
    expect((await service.revokeTokens({ orgSlug: 'acme', email: 'ada@acme.test' })).revoked).toBe(2);
    expect((await service.revokeTokens({ orgSlug: 'acme', email: 'ada@acme.test' })).revoked).toBe(0);
    expect(events.map((e) => e.action)).toEqual(['admin_token.issued', 'admin_token.issued', 'admin_token.revoked']);
    expect(events[0]).toMatchObject({
      organizationId: added.organization.id,
      actor: { type: 'system', id: 'server-cli' },
      target: { type: 'person', id: added.person.id, name: 'Ada' },
    });
    expect(events[2]!.details).toMatchObject({ count: 2 });
    expect(JSON.stringify(events)).not.toContain(added.token);
    // Each event shares its transaction with the write it records.
    expect(writes.map((w) => w.what)).toEqual(['token', 'admin_token.issued', 'token', 'admin_token.issued', 'revoke', 'admin_token.revoked', 'revoke']);
    expect(writes[0]!.trx).toBe(writes[1]!.trx);
    expect(writes[4]!.trx).toBe(writes[5]!.trx);
    expect(writes[0]!.trx).not.toBe(writes[2]!.trx);
  });

  it('refuses bad slugs and emails', async () => {
    const { service } = fakes();
    await expect(service.addPerson({ orgSlug: 'Not a slug!', email: 'a@b.c', role: 'admin' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(service.addPerson({ orgSlug: 'acme', email: 'no-at-sign', role: 'admin' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
