/** The audit trail: append-only, read newest first with keyset pagination. */
import type { Kysely, Transaction } from 'kysely';
import type { AuditEventDto } from '../../../shared/http/audit-events.js';
import type { Actor } from '../../../shared/http/common.js';
import { actorColumns, actorFromColumns, apiKeyIdOf } from '../../lib/actor.js';
import type { CursorPosition } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { fromJsonText, toJsonText } from '../../lib/json.js';
import type { AuditEventsTable, DatabaseSchema } from '../../db/schema.js';

export interface NewAuditEvent {
  /** Chosen by the caller when something else must name the event (a bulk revoke's per-key events); new otherwise. */
  id?: string;
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
  /** Several events in a few statements (a bulk action's per-item events), within the caller's transaction. */
  appendMany(trx: Transaction<DatabaseSchema>, events: readonly NewAuditEvent[]): Promise<void>;
  list(organizationId: string, filter: AuditEventFilter, after: CursorPosition | null, limit: number): Promise<AuditEventsTable[]>;
  findById(organizationId: string, id: string): Promise<AuditEventsTable | undefined>;
  /** Every event with this action at exactly this instant (the events one transaction wrote share it). */
  listAt(organizationId: string, action: AuditEventDto['action'], occurredAt: string): Promise<AuditEventsTable[]>;
}

export interface AuditEventFilter {
  /** Any of these actions. */
  actions?: readonly AuditEventDto['action'][];
  actorId?: string;
  /** Done by this key (as itself or for a person) or concerning it. */
  apiKeyId?: string;
  /** Inclusive; the stored ISO form. */
  from?: string;
  /** Exclusive; the stored ISO form. */
  to?: string;
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

function rowOf(event: NewAuditEvent): AuditEventsTable {
  return {
    id: event.id ?? newId(),
    organization_id: event.organizationId,
    occurred_at: event.occurredAt,
    action: event.action,
    ...actorColumns(event.actor),
    target_type: event.target.type,
    target_id: event.target.id,
    target_name: event.target.name,
    api_key_id: event.concernsApiKeyId ?? apiKeyIdOf(event.actor),
    details: event.details ? toJsonText(event.details) : null,
  };
}

/**
 * Rows per multi-row insert: a whole bulk request's per-key events (1,000) in one statement. 14
 * parameters each: 14,000, under SQLite's 32,766 and PostgreSQL's 65,535.
 */
const INSERT_CHUNK = 1000;

export function createAuditRepository(db: Kysely<DatabaseSchema>): AuditRepository {
  return {
    async append(trx, event) {
      await trx.insertInto('audit_events').values(rowOf(event)).execute();
    },
    async appendMany(trx, events) {
      const rows = events.map(rowOf);
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await trx
          .insertInto('audit_events')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
    },
    async list(organizationId, filter, after, limit) {
      let query = db.selectFrom('audit_events').selectAll().where('organization_id', '=', organizationId);
      // Filters only narrow the rows; the order and the keyset condition below stay the same, so a
      // cursor from a filtered page continues that filtered listing.
      if (filter.apiKeyId !== undefined) query = query.where('api_key_id', '=', filter.apiKeyId);
      if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
      if (filter.actions !== undefined && filter.actions.length > 0) query = query.where('action', 'in', filter.actions);
      if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
      if (after) {
        query = query.where((eb) => eb.or([eb('occurred_at', '<', after.at), eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)])]));
      }
      return query
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
    },
    async findById(organizationId, id) {
      return db.selectFrom('audit_events').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
    },
    async listAt(organizationId, action, occurredAt) {
      return db
        .selectFrom('audit_events')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('occurred_at', '=', occurredAt)
        .where('action', '=', action)
        .execute();
    },
  };
}
