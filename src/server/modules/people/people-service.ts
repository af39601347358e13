/**
 * Onboarding people (used by the CLI and by test helpers; there is no HTTP endpoint for it): makes
 * the organization (with its seed project) and the person if missing, then issues a fresh admin
 * access token. The token is returned once and only its hash is stored. And the way out: revoking
 * all of a person's admin tokens (a lost laptop, someone leaving), refused from the next request on.
 * Both are audited (`admin_token.issued`, `admin_token.revoked`) in the same transaction, by the
 * `system` actor: whoever runs the CLI has the server's database, not an identity in the organization.
 */
import type { Role } from '../../../shared/capabilities.js';
import { AppError } from '../../../shared/errors.js';
import type { Actor, Organization, Person } from '../../../shared/http/common.js';
import { generateSecret, hashSecret, hintOf } from '../../../shared/key-format.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { SEED_PROJECT_NAME } from '../projects/projects-repository.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { PeopleRepository } from './people-repository.js';

/** The author of what the server's CLI does. */
export const SERVER_CLI_ACTOR: Actor = { type: 'system', id: 'server-cli', name: 'Server CLI', viaKey: null };

export interface AddPersonInput {
  orgSlug: string;
  email: string;
  role: Role;
  name?: string;
}

export interface AddPersonResult {
  organization: Organization;
  person: Person;
  organizationCreated: boolean;
  personCreated: boolean;
  /** The new admin access token: shown once, never stored. */
  token: string;
}

export interface PeopleService {
  addPerson(input: AddPersonInput): Promise<AddPersonResult>;
  revokeTokens(input: { orgSlug: string; email: string }): Promise<{ person: Person; revoked: number }>;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export interface PeopleServiceDeps {
  db: Pick<Database, 'kysely'>;
  people: PeopleRepository;
  audit: Pick<AuditRepository, 'append'>;
  clock: Clock;
}

export function createPeopleService(deps: PeopleServiceDeps): PeopleService {
  const { db, people, audit, clock } = deps;
  return {
    async addPerson(input) {
      const slug = input.orgSlug.trim().toLowerCase();
      const email = input.email.trim().toLowerCase();
      if (!SLUG.test(slug))
        throw new AppError('VALIDATION', 'The organization slug must be lowercase letters, digits and dashes', {
          issues: [{ path: 'org', message: 'Invalid slug' }],
        });
      if (!EMAIL.test(email)) throw new AppError('VALIDATION', 'The email address is not valid', { issues: [{ path: 'email', message: 'Invalid email' }] });
      const now = new Date(clock.now()).toISOString();

      // Create-if-missing that tolerates a concurrent `people add`: if the insert loses a race, the
      // row the other process made is read back and used.
      let organization = await people.findOrganizationBySlug(slug);
      let organizationCreated = false;
      if (!organization) {
        const candidate = { id: newId(), slug, name: slug };
        organizationCreated = await people.insertOrganization(candidate, { id: newId(), name: SEED_PROJECT_NAME }, now);
        organization = organizationCreated ? candidate : await people.findOrganizationBySlug(slug);
        if (!organization) throw new Error(`Organization ${slug} vanished while being created`);
      }

      let person = await people.findInOrganization(organization.id, email);
      let personCreated = false;
      if (!person) {
        const name = input.name?.trim() || email.split('@')[0] || email;
        const candidate: Person = { id: newId(), email, name: name.slice(0, 100), role: input.role };
        personCreated = await people.insertPerson(organization.id, candidate, now);
        person = personCreated ? candidate : await people.findInOrganization(organization.id, email);
        if (!person) throw new Error(`Person ${email} vanished while being created`);
      }

      const token = generateSecret('adminToken');
      const tokenId = newId();
      const hint = hintOf(token);
      const issuedTo = person;
      await db.kysely.transaction().execute(async (trx) => {
        await people.insertAdminToken(trx, { id: tokenId, personId: issuedTo.id, secretHash: hashSecret(token), hint, createdAt: now });
        await audit.append(trx, {
          organizationId: organization.id,
          occurredAt: now,
          action: 'admin_token.issued',
          actor: SERVER_CLI_ACTOR,
          target: { type: 'person', id: issuedTo.id, name: issuedTo.name },
          details: { tokenId, hint, email: issuedTo.email, role: issuedTo.role },
        });
      });
      return { organization, person, organizationCreated, personCreated, token };
    },
    async revokeTokens(input) {
      const slug = input.orgSlug.trim().toLowerCase();
      const email = input.email.trim().toLowerCase();
      const organization = await people.findOrganizationBySlug(slug);
      if (!organization) throw new AppError('NOT_FOUND', `There is no organization ${slug}`);
      const person = await people.findInOrganization(organization.id, email);
      if (!person) throw new AppError('NOT_FOUND', `There is no ${email} in ${slug}`);
      const now = new Date(clock.now()).toISOString();
      const revoked = await db.kysely.transaction().execute(async (trx) => {
        const count = await people.revokeAdminTokens(trx, person.id, now);
        // Like revoking a key twice: nothing revoked, nothing to record.
        if (count > 0) {
          await audit.append(trx, {
            organizationId: organization.id,
            occurredAt: now,
            action: 'admin_token.revoked',
            actor: SERVER_CLI_ACTOR,
            target: { type: 'person', id: person.id, name: person.name },
            details: { count, email: person.email },
          });
        }
        return count;
      });
      return { person, revoked };
    },
  };
}
