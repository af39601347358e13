/** Records in a project: read, create (idempotent with Idempotency-Key) and delete, all audited. */
import { AppError } from '../../../shared/errors.js';
import type { CreateRecordBody, ListRecordsQuery, ListRecordsResponse, RecordDto } from '../../../shared/http/resources.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { decodeCursor, pageFrom } from '../../lib/cursor.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { Principal } from '../auth/principal.js';
import { type ProjectsRepository, requireProject } from '../projects/projects-repository.js';
import { type RecordsRepository, toRecordDto } from './records-repository.js';

export interface RecordsService {
  list(caller: Principal, projectId: string, query: ListRecordsQuery): Promise<ListRecordsResponse>;
  create(caller: Principal, projectId: string, body: CreateRecordBody, idempotencyKey: string | undefined): Promise<{ replayed: boolean; record: RecordDto }>;
  delete(caller: Principal, projectId: string, id: string): Promise<void>;
}

export interface RecordsServiceDeps {
  db: Pick<Database, 'kysely'>;
  records: RecordsRepository;
  projects: Pick<ProjectsRepository, 'findInOrganization'>;
  audit: Pick<AuditRepository, 'append'>;
  clock: Clock;
}

export function createRecordsService({ db, records, projects, audit, clock }: RecordsServiceDeps): RecordsService {
  const projectOf = (caller: Principal, projectId: string) => requireProject(projects, caller.organization.id, projectId);

  return {
    async list(caller, projectId, query) {
      await projectOf(caller, projectId);
      const rows = await records.list(caller.organization.id, projectId, decodeCursor(query.cursor), query.limit);
      return pageFrom(rows, query.limit, toRecordDto, (row) => ({ at: row.created_at, id: row.id }));
    },

    async create(caller, projectId, body, idempotencyKey) {
      const organizationId = caller.organization.id;
      const project = await projectOf(caller, projectId);
      const now = new Date(clock.now()).toISOString();
      const request = { projectId, ...body };
      const outcome = await runIdempotent(
        db.kysely,
        { organizationId, scope: idempotencyScope('record.create', caller), key: idempotencyKey, request },
        now,
        async (trx, id) => {
          const record: RecordDto = { id, projectId, fields: body.fields, createdBy: caller.actor, createdAt: now };
          await records.insert(trx, organizationId, record);
          await audit.append(trx, {
            organizationId,
            occurredAt: now,
            action: 'record.created',
            actor: caller.actor,
            target: { type: 'record', id, name: null },
            details: { projectId, projectName: project.name },
          });
          return record;
        },
      );
      if (!outcome.replayed) return { replayed: false, record: outcome.value };
      const record = await records.findInProject(organizationId, projectId, outcome.resourceId);
      // The record made by the first request was deleted since: the retry must not recreate it.
      if (!record) throw new AppError('CONFLICT', 'The record made with this Idempotency-Key has since been deleted');
      return { replayed: true, record };
    },

    async delete(caller, projectId, id) {
      const organizationId = caller.organization.id;
      const project = await projectOf(caller, projectId);
      const now = new Date(clock.now()).toISOString();
      const deleted = await db.kysely.transaction().execute(async (trx) => {
        if (!(await records.delete(trx, organizationId, projectId, id))) return false;
        await audit.append(trx, {
          organizationId,
          occurredAt: now,
          action: 'record.deleted',
          actor: caller.actor,
          target: { type: 'record', id, name: null },
          details: { projectId, projectName: project.name },
        });
        return true;
      });
      if (!deleted) throw new AppError('NOT_FOUND', 'No such record');
    },
  };
}
