import type { Kysely } from 'kysely';
import type { ProjectRef } from '../../../shared/http/common.js';
import type { DatabaseSchema } from '../../db/schema.js';

/** The project every new organization starts with (people-repository inserts it), so keys have something to act on. */
export const SEED_PROJECT_NAME = 'Operations';

export interface ProjectsRepository {
  /** The project, only if it belongs to the organization (another organization's reads as absent). */
  findInOrganization(organizationId: string, projectId: string): Promise<ProjectRef | undefined>;
}

export function createProjectsRepository(db: Kysely<DatabaseSchema>): ProjectsRepository {
  return {
    async findInOrganization(organizationId, projectId) {
      return db.selectFrom('projects').select(['id', 'name']).where('id', '=', projectId).where('organization_id', '=', organizationId).executeTakeFirst();
    },
  };
}
