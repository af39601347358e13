/**
 * The audit log page's IPC shapes (`audit:list`): a filter, a cursor, and a page that says where it
 * came from (the server, or main's offline cache and how fresh it is).
 */
import { z } from 'zod';
import { compareInstants } from '../instant.js';
import { AUDIT_ACTIONS, ActorIdSchema, AuditActionSchema, AuditEventDtoSchema, IdSchema, IsoDateSchema } from '../http/index.js';

/** Events per page main asks the server for (and serves from its cache). */
export const AUDIT_PAGE_SIZE = 200;

/**
 * What the admin narrowed the log to; every part must hold. `actions` empty: every action.
 * `from` inclusive, `to` exclusive, as on the server.
 */
export const AuditFilterSchema = z
  .object({
    actions: z
      .array(AuditActionSchema)
      .max(AUDIT_ACTIONS.length)
      .refine((list) => new Set(list).size === list.length, 'Each action may appear only once')
      .default([]),
    actorId: ActorIdSchema.nullable().default(null),
    apiKeyId: IdSchema.nullable().default(null),
    from: IsoDateSchema.nullable().default(null),
    to: IsoDateSchema.nullable().default(null),
  })
  .strict()
  .refine((filter) => filter.from === null || filter.to === null || compareInstants(filter.from, filter.to) <= 0, {
    message: 'The start date must not be after the end date',
    path: ['from'],
  });
export type AuditFilter = z.output<typeof AuditFilterSchema>;
export type AuditFilterInput = z.input<typeof AuditFilterSchema>;

/**
 * Where the next page starts: just after the event at (`at`, `id`) in newest-first order. `server` is
 * the server's own cursor for that position when the page came from the server; without it (a page
 * from the cache) main continues from its cache, by position.
 */
export const AuditCursorSchema = z
  .object({
    at: IsoDateSchema,
    id: z.string().min(1).max(100),
    server: z.string().min(1).max(200).nullable(),
  })
  .strict();
export type AuditCursor = z.infer<typeof AuditCursorSchema>;

export const AuditListInputSchema = z
  .object({
    filter: AuditFilterSchema,
    cursor: AuditCursorSchema.nullable().default(null),
  })
  .strict();

export const AuditPageSchema = z.object({
  events: z.array(AuditEventDtoSchema),
  /** Null at the end of the listing. */
  nextCursor: AuditCursorSchema.nullable(),
  /** `cache`: the server could not be asked; these are events main kept from earlier pages. */
  source: z.enum(['server', 'cache']),
  /** When the server last gave the events shown (now, for `server`); null: nothing was ever kept. */
  fetchedAt: IsoDateSchema.nullable(),
  /**
   * For `cache`: the time of the oldest kept event when older ones exist that were never kept (the
   * cache holds the newest events, as far as the admin scrolled, up to a bound); null when it holds
   * the whole log, or nothing.
   */
  olderNotCachedBefore: IsoDateSchema.nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
