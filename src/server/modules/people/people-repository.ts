/** Organizations, people and their admin access tokens (stored as hashes only). */
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../../shared/capabilities.js';
import type { Organization, Person, ProjectRef } from '../../../shared/http/common.js';
import { isUniqueViolation } from '../../db/database.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { lockAuthEpoch } from '../../db/auth-epoch-lock.js';

export interface PeopleRepository {
  findOrganizationBySlug(slug: string): Promise<Organization | undefined>;
  /**
   * Inserts the organization and its seed project together (one transaction). False when an
   * organization with this slug appeared meanwhile (another process onboarding at the same time).
   */
  insertOrganization(org: Organization, seedProject: ProjectRef, createdAt: string): Promise<boolean>;
  /** By id or (case-insensitive) email, only within the organization. */
  findInOrganization(organizationId: string, idOrEmail: string): Promise<Person | undefined>;
  /** False when a person with this email appeared meanwhile in the organization. */
  insertPerson(organizationId: string, person: Person, createdAt: string): Promise<boolean>;
  /** Within the caller's transaction, so the token and its audit event commit together. */
  insertAdminToken(
    trx: Transaction<DatabaseSchema>,
    token: { id: string; personId: string; secretHash: string; hint: string; createdAt: string },
  ): Promise<void>;
  /** Revokes every active admin token of the person, within the caller's transaction; returns how many. */
  revokeAdminTokens(trx: Transaction<DatabaseSchema>, personId: string, revokedAt: string): Promise<number>;
}

async function ignoringDuplicate(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export function createPeopleRepository(db: Kysely<DatabaseSchema>): PeopleRepository {
  return {
    async findOrganizationBySlug(slug) {
      return db.selectFrom('organizations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
    },
    async insertOrganization(org, seedProject, createdAt) {
      return ignoringDuplicate(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('organizations')
            .values({ ...org, created_at: createdAt })
            .execute();
          await trx.insertInto('projects').values({ id: seedProject.id, organization_id: org.id, name: seedProject.name, created_at: createdAt }).execute();
        }),
      );
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
      return ignoringDuplicate(() =>
        db
          .insertInto('people')
          .values({ id: person.id, organization_id: organizationId, email: person.email, name: person.name, role: person.role as Role, created_at: createdAt })
          .execute(),
      );
    },
    async insertAdminToken(trx, token) {
      await trx
        .insertInto('admin_tokens')
        .values({ id: token.id, person_id: token.personId, secret_hash: token.secretHash, hint: token.hint, created_at: token.createdAt, revoked_at: null })
        .execute();
    },
    async revokeAdminTokens(trx, personId, revokedAt) {
      await lockAuthEpoch(trx);
      const result = await trx
        .updateTable('admin_tokens')
        .set({ revoked_at: revokedAt })
        .where('person_id', '=', personId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
