/** Organizations, people and their admin access tokens (stored as hashes only). */
import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/capabilities.js';
import type { Organization, Person } from '../../../shared/http/common.js';
import type { DatabaseSchema } from '../../db/schema.js';

export interface PeopleRepository {
  findOrganizationBySlug(slug: string): Promise<Organization | undefined>;
  insertOrganization(org: Organization, createdAt: string): Promise<void>;
  /** By id or (case-insensitive) email, only within the organization. */
  findInOrganization(organizationId: string, idOrEmail: string): Promise<Person | undefined>;
  insertPerson(organizationId: string, person: Person, createdAt: string): Promise<void>;
  insertAdminToken(token: { id: string; personId: string; secretHash: string; hint: string; createdAt: string }): Promise<void>;
}

export function createPeopleRepository(db: Kysely<DatabaseSchema>): PeopleRepository {
  return {
    async findOrganizationBySlug(slug) {
      return db.selectFrom('organizations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
    },
    async insertOrganization(org, createdAt) {
      await db.insertInto('organizations').values({ ...org, created_at: createdAt }).execute();
    },
    async findInOrganization(organizationId, idOrEmail) {
      return db
        .selectFrom('people')
        .select(['id', 'email', 'name', 'role'])
        .where('organization_id', '=', organizationId)
        .where((eb) => eb.or([eb('id', '=', idOrEmail), eb('email', '=', idOrEmail.toLowerCase())]))
        .executeTakeFirst();
    },
    async insertPerson(organizationId, person, createdAt) {
      await db
        .insertInto('people')
        .values({ id: person.id, organization_id: organizationId, email: person.email, name: person.name, role: person.role as Role, created_at: createdAt })
        .execute();
    },
    async insertAdminToken(token) {
      await db
        .insertInto('admin_tokens')
        .values({ id: token.id, person_id: token.personId, secret_hash: token.secretHash, hint: token.hint, created_at: token.createdAt, revoked_at: null })
        .execute();
    },
  };
}
