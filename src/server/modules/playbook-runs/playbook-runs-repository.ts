import type { Kysely, Transaction } from 'kysely';
import type { PlaybookRunDto } from '../../../shared/http/resources.js';
import { actorColumns, actorFromColumns } from '../../lib/actor.js';
import { fromJsonText, toJsonText } from '../../lib/json.js';
import type { DatabaseSchema, PlaybookRunsTable } from '../../db/schema.js';

export interface PlaybookRunsRepository {
  insert(trx: Transaction<DatabaseSchema>, organizationId: string, run: PlaybookRunDto): Promise<void>;
  findInOrganization(organizationId: string, id: string): Promise<PlaybookRunDto | undefined>;
}

function toDto(row: PlaybookRunsTable): PlaybookRunDto {
  return {
    id: row.id,
    projectId: row.project_id,
    playbookId: row.playbook_id,
    startData: fromJsonText<Record<string, unknown>>(row.start_data),
    startedBy: actorFromColumns(row),
    createdAt: row.created_at,
  };
}

export function createPlaybookRunsRepository(db: Kysely<DatabaseSchema>): PlaybookRunsRepository {
  return {
    async insert(trx, organizationId, run) {
      await trx
        .insertInto('playbook_runs')
        .values({
          id: run.id,
          organization_id: organizationId,
          project_id: run.projectId,
          playbook_id: run.playbookId,
          start_data: run.startData === null ? null : toJsonText(run.startData),
          ...actorColumns(run.startedBy),
          created_at: run.createdAt,
        })
        .execute();
    },
    async findInOrganization(organizationId, id) {
      const row = await db.selectFrom('playbook_runs').selectAll().where('id', '=', id).where('organization_id', '=', organizationId).executeTakeFirst();
      return row && toDto(row);
    },
  };
}
