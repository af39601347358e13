/**
 * The audit log as auditors get it: one record per event, newest first, for the filter the Audit log
 * page shows. CSV spells each event out in columns (details as compact JSON in one cell); the JSON
 * document keeps the events exactly as the server sent them, with the filter and where they came from.
 */
import { z } from 'zod';
import { InstantSchema } from '../../shared/instant.js';
import { AuditEventDtoSchema, OrganizationSchema, type AuditEventDto } from '../../shared/http/index.js';
import { AuditFilterSchema } from '../../shared/ipc/audit.js';
import { csvInstant } from './export-values.js';

export const AUDIT_CSV_HEADER = [
  'Time (UTC)',
  'Action',
  'Actor',
  'Actor type',
  'Actor ID',
  'Via key',
  'Target type',
  'Target',
  'Target ID',
  'Details',
  'Event ID',
] as const;

const ACTOR_TYPE: Record<AuditEventDto['actor']['type'], string> = { person: 'Person', apiKey: 'API key', system: 'System' };

export function auditCsvRow(event: AuditEventDto): string[] {
  return [
    csvInstant(event.occurredAt),
    event.action,
    event.actor.name,
    ACTOR_TYPE[event.actor.type],
    event.actor.id,
    event.actor.viaKey?.name ?? '',
    event.target.type,
    event.target.name ?? '',
    event.target.id,
    event.details ? JSON.stringify(event.details) : '',
    event.id,
  ];
}

export const AUDIT_EXPORT_FORMAT = 'rakerone-admin/audit-log';

export const AuditExportDocumentSchema = z
  .object({
    format: z.literal(AUDIT_EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: InstantSchema,
    server: z.string().nullable(),
    organization: OrganizationSchema.nullable(),
    /** The Audit log page's filter the events match (`from` inclusive, `to` exclusive). */
    filter: AuditFilterSchema,
    /**
     * `server`: every matching event, read from the server just now. `cache`: offline, the events
     * main kept as of `fetchedAt`; `complete` false means older events exist that were never kept.
     */
    source: z.object({ kind: z.enum(['server', 'cache']), fetchedAt: InstantSchema.nullable(), complete: z.boolean() }).strict(),
    events: z.array(AuditEventDtoSchema),
  })
  .strict();
export type AuditExportDocument = z.infer<typeof AuditExportDocumentSchema>;
