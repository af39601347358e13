/**
 * Onboarding people (used by the CLI and by test helpers; there is no HTTP endpoint for it): makes
 * the organization (with its seed project) and the person if missing, then issues a fresh admin
 * access token. The token is returned once and only its hash is stored.
 */
import type { Role } from '../../../shared/capabilities.js';
import { AppError } from '../../../shared/errors.js';
import type { Organization, Person } from '../../../shared/http/common.js';
import { generateSecret, hashSecret, hintOf } from '../../../shared/key-format.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { SEED_PROJECT_NAME, type ProjectsRepository } from '../projects/projects-repository.js';
import type { PeopleRepository } from './people-repository.js';

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
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function createPeopleService(deps: { people: PeopleRepository; projects: ProjectsRepository; clock: Clock }): PeopleService {
  const { people, projects, clock } = deps;
  return {
    async addPerson(input) {
      const slug = input.orgSlug.trim().toLowerCase();
      const email = input.email.trim().toLowerCase();
      if (!SLUG.test(slug)) throw new AppError('VALIDATION', 'The organization slug must be lowercase letters, digits and dashes', { issues: [{ path: 'org', message: 'Invalid slug' }] });
      if (!EMAIL.test(email)) throw new AppError('VALIDATION', 'The email address is not valid', { issues: [{ path: 'email', message: 'Invalid email' }] });
      const now = clock.now().toISOString();

      let organization = await people.findOrganizationBySlug(slug);
      const organizationCreated = !organization;
      if (!organization) {
        organization = { id: newId(), slug, name: slug };
        await people.insertOrganization(organization, now);
        await projects.insert(organization.id, { id: newId(), name: SEED_PROJECT_NAME }, now);
      }

      let person = await people.findInOrganization(organization.id, email);
      const personCreated = !person;
      if (!person) {
        const name = input.name?.trim() || email.split('@')[0] || email;
        person = { id: newId(), email, name: name.slice(0, 100), role: input.role };
        await people.insertPerson(organization.id, person, now);
      }

      const token = generateSecret('adminToken');
      await people.insertAdminToken({ id: newId(), personId: person.id, secretHash: hashSecret(token), hint: hintOf(token), createdAt: now });
      return { organization, person, organizationCreated, personCreated, token };
    },
  };
}
