/**
 * Starting playbook runs: the slice of RakerOne that webhooks drive. Retried deliveries carry an
 * Idempotency-Key and start only one run (RakerOne's own rule).
 */
import type { PlaybookRunDto, StartPlaybookRunBody } from '../../../shared/http/resources.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { idempotencyScope, runIdempotent } from '../../lib/idempotency.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import type { Principal } from '../auth/principal.js';
import { type ProjectsRepository, requireProject } from '../projects/projects-repository.js';
import type { PlaybookRunsRepository } from './playbook-runs-repository.js';

export interface PlaybookRunsService {
  start(
    caller: Principal,
    projectId: string,
    body: StartPlaybookRunBody,
    idempotencyKey: string | undefined,
  ): Promise<{ replayed: boolean; run: PlaybookRunDto }>;
}

export interface PlaybookRunsServiceDeps {
  db: Pick<Database, 'kysely'>;
  runs: PlaybookRunsRepository;
  projects: Pick<ProjectsRepository, 'findInOrganization'>;
  audit: Pick<AuditRepository, 'append'>;
  clock: Clock;
}

export function createPlaybookRunsService({ db, runs, projects, audit, clock }: PlaybookRunsServiceDeps): PlaybookRunsService {
  return {
    async start(caller, projectId, body, idempotencyKey) {
      const organizationId = caller.organization.id;
      const project = await requireProject(projects, organizationId, projectId);
      const now = new Date(clock.now()).toISOString();
      const request = { projectId, ...body };
      const outcome = await runIdempotent(
        db.kysely,
        { organizationId, scope: idempotencyScope('playbook_run.start', caller), key: idempotencyKey, request },
        now,
        async (trx, id) => {
          const run: PlaybookRunDto = {
            id,
            projectId,
            playbookId: body.playbookId,
            startData: body.startData ?? null,
            startedBy: caller.actor,
            createdAt: now,
          };
          await runs.insert(trx, organizationId, run);
          await audit.append(trx, {
            organizationId,
            occurredAt: now,
            action: 'playbook_run.started',
            actor: caller.actor,
            target: { type: 'playbookRun', id, name: body.playbookId },
            details: { projectId, projectName: project.name },
          });
          return run;
        },
      );
      if (!outcome.replayed) return { replayed: false, run: outcome.value };
      const run = await runs.findInOrganization(organizationId, outcome.resourceId);
      if (!run) throw new Error(`Idempotency record points at a missing run ${outcome.resourceId}`);
      return { replayed: true, run };
    },
  };
}
