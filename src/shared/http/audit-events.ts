/** The audit trail: its actions, an event as the API shows it, and the list's filters. */
import { z } from 'zod';
import { compareInstants } from '../instant.js';
import { ActorSchema, IdSchema, IsoDateSchema, PageQuerySchema, pageOf } from './common.js';

export const AUDIT_ACTIONS = [
  'admin_token.issued',
  'admin_token.revoked',
  'api_key.allowed_addresses_changed',
  'api_key.bulk_revoked',
  'api_key.bulk_suspended',
  'api_key.created',
  'api_key.revocation_cancelled',
  'api_key.revocation_scheduled',
  'api_key.resumed',
  'api_key.revoked',
  'api_key.suspended',
  'key_policy.updated',
  'playbook_run.started',
  'record.created',
  'record.deleted',
] as const;

export const AuditEventDtoSchema = z.object({
  id: IdSchema,
  occurredAt: IsoDateSchema,
  action: z.enum(AUDIT_ACTIONS),
  actor: ActorSchema,
  target: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventDto = z.infer<typeof AuditEventDtoSchema>;

export const AuditActionSchema = z.enum(AUDIT_ACTIONS, { error: 'Unknown audit action' });
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** Actor ids are UUIDs (people, keys) or a fixed name such as `server-cli`; nothing else reaches the database. */
export const ActorIdSchema = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'actorId must be an id');

export const ListAuditEventsQuerySchema = PageQuerySchema.extend({
  /** Only events with one of these actions (`?action=a&action=b`). */
  action: z
    .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(AuditActionSchema).min(1).max(AUDIT_ACTIONS.length))
    .transform((actions) => [...new Set(actions)])
    .optional(),
  /** Only events done by this actor (a person, or a key acting as itself). */
  actorId: ActorIdSchema.optional(),
  /** Only events done by this key, or concerning it (created, revoked). */
  apiKeyId: IdSchema.optional(),
  /** From this instant, inclusive. */
  from: IsoDateSchema.optional(),
  /** Up to this instant, exclusive. */
  to: IsoDateSchema.optional(),
}).refine((query) => query.from === undefined || query.to === undefined || compareInstants(query.from, query.to) <= 0, {
  message: '`from` must not be after `to`',
  path: ['from'],
});
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuerySchema>;

export const ListAuditEventsResponseSchema = pageOf(AuditEventDtoSchema);
export type ListAuditEventsResponse = z.infer<typeof ListAuditEventsResponseSchema>;
