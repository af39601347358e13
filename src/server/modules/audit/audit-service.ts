/** The audit trail as the API reads it: due retirements recorded first, then one keyset page. */
import type { ListAuditEventsQuery, ListAuditEventsResponse } from '../../../shared/http/audit-events.js';
import { decodeCursor, pageFrom } from '../../lib/cursor.js';
import type { PersonPrincipal } from '../auth/principal.js';
import type { Retirements } from '../api-keys/retirements.js';
import { type AuditRepository, toAuditEventDto } from './audit-repository.js';

export interface AuditService {
  /** The caller's organization's events, newest first, filtered as the query says. */
  list(caller: PersonPrincipal, query: ListAuditEventsQuery): Promise<ListAuditEventsResponse>;
}

export function createAuditService(deps: { audit: Pick<AuditRepository, 'list'>; retirements: Pick<Retirements, 'materializeDue'> }): AuditService {
  const { audit, retirements } = deps;
  return {
    async list(caller, query) {
      const organizationId = caller.organization.id;
      const { limit, cursor, action, actorId, apiKeyId, from, to } = query;
      // A retirement that came due is recorded (with its event) before the trail is read.
      await retirements.materializeDue({ organizationId });
      const rows = await audit.list(organizationId, { actions: action, actorId, apiKeyId, from, to }, decodeCursor(cursor), limit);
      return pageFrom(rows, limit, toAuditEventDto, (row) => ({ at: row.occurred_at, id: row.id }));
    },
  };
}
