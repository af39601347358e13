import type { Kysely, Transaction } from 'kysely';
import type { RecordDto } from '../../../shared/http/resources.js';
import { actorColumns, actorFromColumns } from '../../lib/actor.js';
import type { CursorPosition } from '../../lib/cursor.js';
import { toJsonText } from '../../lib/json.js';
import type { DatabaseSchema, RecordsTable } from '../../db/schema.js';

export interface RecordsRepository {
  insert(trx: Transaction<DatabaseSchema>, organizationId: string, record: RecordDto): Promise<void>;
  findInProject(organizationId: string, projectId: string, id: string): Promise<RecordDto | undefined>;
  list(organizationId: string, projectId: string, after: CursorPosition | null, limit: number): Promise<RecordsTable[]>;
  /** True when a record was deleted. */
  delete(trx: Transaction<DatabaseSchema>, organizationId: string, projectId: string, id: string): Promise<boolean>;
}

export function toRecordDto(row: RecordsTable): RecordDto {
  return {
    id: row.id,
    projectId: row.project_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    createdBy: actorFromColumns(row),
    createdAt: row.created_at,
  };
}

export function createRecordsRepository(db: Kysely<DatabaseSchema>): RecordsRepository {
  return {
    async insert(trx, organizationId, record) {
      await trx
        .insertInto('records')
        .values({
          id: record.id,
          organization_id: organizationId,
          project_id: record.projectId,
          fields: toJsonText(record.fields),
          ...actorColumns(record.createdBy),
          created_at: record.createdAt,
        })
        .execute();
    },
    async findInProject(organizationId, projectId, id) {
      const row = await db
        .selectFrom('records')
        .selectAll()
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return row && toRecordDto(row);
    },
    async list(organizationId, projectId, after, limit) {
      let query = db.selectFrom('records').selectAll().where('project_id', '=', projectId).where('organization_id', '=', organizationId);
      if (after) {
        query = query.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]));
      }
      return query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
    },
    async delete(trx, organizationId, projectId, id) {
      const result = await trx
        .deleteFrom('records')
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
