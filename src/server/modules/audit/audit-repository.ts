/** The audit trail: append-only, read newest first with keyset pagination. */
import type { Kysely, Transaction } from 'kysely';
import type { AuditEventDto } from '../../../shared/http/api-keys.js';
import type { Actor } from '../../../shared/http/common.js';
import { actorColumns, actorFromColumns, apiKeyIdOf } from '../../lib/actor.js';
import type { CursorPosition } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { fromJsonText, toJsonText } from '../../lib/json.js';
import type { AuditEventsTable, DatabaseSchema } from '../../db/schema.js';

export interface NewAuditEvent {
  organizationId: string;
  occurredAt: string;
  action: AuditEventDto['action'];
  actor: Actor;
  target: AuditEventDto['target'];
  details?: Record<string, unknown>;
  /** Set when the event concerns a key (created, revoked) rather than being done by one. */
  concernsApiKeyId?: string;
}

export interface AuditRepository {
  /** Appends within the caller's transaction, so an action and its event commit together. */
  append(trx: Transaction<DatabaseSchema>, event: NewAuditEvent): Promise<void>;
  list(organizationId: string, filter: { apiKeyId?: string }, after: CursorPosition | null, limit: number): Promise<AuditEventsTable[]>;
}

export function toAuditEventDto(row: AuditEventsTable): AuditEventDto {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    action: row.action as AuditEventDto['action'],
    actor: actorFromColumns(row),
    target: { type: row.target_type, id: row.target_id, name: row.target_name },
    details: fromJsonText<Record<string, unknown>>(row.details),
  };
}

export function createAuditRepository(db: Kysely<DatabaseSchema>): AuditRepository {
  return {
    async append(trx, event) {
      await trx
        .insertInto('audit_events')
        .values({
          id: newId(),
          organization_id: event.organizationId,
          occurred_at: event.occurredAt,
          action: event.action,
          ...actorColumns(event.actor),
          target_type: event.target.type,
          target_id: event.target.id,
          target_name: event.target.name,
          api_key_id: event.concernsApiKeyId ?? apiKeyIdOf(event.actor),
          details: event.details ? toJsonText(event.details) : null,
        })
        .execute();
    },
    async list(organizationId, filter, after, limit) {
      let query = db.selectFrom('audit_events').selectAll().where('organization_id', '=', organizationId);
      if (filter.apiKeyId !== undefined) query = query.where('api_key_id', '=', filter.apiKeyId);
      if (after) {
        query = query.where((eb) => eb.or([eb('occurred_at', '<', after.at), eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)])]));
      }
      return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    },
  };
}
