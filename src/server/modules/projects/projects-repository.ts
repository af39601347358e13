import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors.js';
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

/** The caller's project, or 404: another organization's project reads as absent, never as forbidden. */
export async function requireProject(projects: Pick<ProjectsRepository, 'findInOrganization'>, organizationId: string, projectId: string): Promise<ProjectRef> {
  const project = await projects.findInOrganization(organizationId, projectId);
  if (!project) throw new AppError('NOT_FOUND', 'No such project');
  return project;
}
