/**
 * What main keeps of a profile's audit log for offline reading (userData/audit/<profileId>.json):
 * the newest events, contiguous (no gap between the newest kept and the oldest kept), newest first,
 * at most AUDIT_CACHE_MAX of them. Re-validated when read: the shape of every event, the order, no
 * duplicate and the bound; a file that fails is set aside and the cache starts empty (it is only a
 * cache: the server has every event).
 */
import { z } from 'zod';
import { AuditEventDtoSchema, IsoDateSchema } from '../../shared/http/index.js';
import { compareNewestFirst, positionOf } from './event-order.js';

/** The newest 5,000 events: an incident's worth of context, a few megabytes at most. */
export const AUDIT_CACHE_MAX = 5_000;
export const AUDIT_CACHE_VERSION = 1;

export const AuditCacheSchema = z
  .object({
    events: z.array(AuditEventDtoSchema).max(AUDIT_CACHE_MAX),
    /** When the newest page was last fetched from the server; null when nothing is kept. */
    fetchedAt: IsoDateSchema.nullable(),
    /** True when the kept events reach back to the organization's first (the server said: no more). */
    complete: z.boolean(),
  })
  .strict()
  .refine((cache) => cache.events.every((event, i) => i === 0 || compareNewestFirst(positionOf(cache.events[i - 1]!), positionOf(event)) < 0), {
    message: 'Cached audit events must be newest first, each once',
  });
export type AuditCache = z.infer<typeof AuditCacheSchema>;

export const emptyAuditCache = (): AuditCache => ({ events: [], fetchedAt: null, complete: false });
