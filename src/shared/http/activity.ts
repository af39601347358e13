/**
 * Key activity: requests and refusals per UTC day, and the (address, user agent) pairs a key was used
 * from. `GET /api/admin/api-keys/{id}/activity`, `GET /api/admin/api-keys/activity-summary`, and the
 * key list's `usedFrom` filter.
 */
import { z } from 'zod';
import { normalizeIpAddress } from '../ip-address.js';
import { IdSchema, IsoDateSchema } from './common.js';

/** How many days of activity are kept (and the widest window a request may ask for). */
export const ACTIVITY_RETENTION_DAYS = 90;
/** Distinct sources kept per key per UTC day; further new ones count in the day's totals only. */
export const ACTIVITY_SOURCES_PER_DAY = 100;
/** Sources in one activity answer, most recently seen first. */
export const ACTIVITY_SOURCES_SHOWN = 50;
/** User agents are stored cut to this many characters (control characters removed first). */
export const USER_AGENT_MAX_LENGTH = 200;

function daysQuery(fallback: number) {
  return z.object({
    days: z.coerce
      .number({ error: 'days must be a whole number of days' })
      .int('days must be a whole number of days')
      .min(1, 'days must be at least 1')
      .max(ACTIVITY_RETENTION_DAYS, `days must be at most ${ACTIVITY_RETENTION_DAYS}`)
      .default(fallback),
  });
}

export const KeyActivityQuerySchema = daysQuery(30);
export type KeyActivityQuery = z.infer<typeof KeyActivityQuerySchema>;

export const ActivitySummaryQuerySchema = daysQuery(7);
export type ActivitySummaryQuery = z.infer<typeof ActivitySummaryQuerySchema>;

/** A UTC calendar day, `YYYY-MM-DD`. */
export const UtcDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ActivityDaySchema = z.object({
  date: UtcDaySchema,
  /** Requests admitted with the key that day. */
  requests: z.number().int().min(0),
  /** Requests that presented the key (its secret matched) and were refused that day. */
  refused: z.number().int().min(0),
});
export type ActivityDay = z.infer<typeof ActivityDaySchema>;

export const ActivitySourceSchema = z.object({
  address: z.string(),
  userAgent: z.string().nullable(),
  firstSeenAt: IsoDateSchema,
  lastSeenAt: IsoDateSchema,
  /** Admitted requests from this source within the window. */
  requests: z.number().int().min(0),
});
export type ActivitySource = z.infer<typeof ActivitySourceSchema>;

export const KeyActivitySchema = z.object({
  /** Exactly `days` entries, oldest first, ending today (UTC); days without activity are zeros. */
  days: z.array(ActivityDaySchema),
  /** At most 50, most recently seen first. */
  sources: z.array(ActivitySourceSchema),
});
export type KeyActivity = z.infer<typeof KeyActivitySchema>;

export const ActivitySummarySchema = z.object({
  keys: z.array(
    z.object({
      apiKeyId: IdSchema,
      requests: z.number().int().min(0),
      refused: z.number().int().min(0),
      /** Addresses first seen for this key within the window. */
      newAddresses: z.number().int().min(0),
    }),
  ),
});
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;

/** An IPv4 or IPv6 address in a query, normalized (see ip-address.ts). */
export const IpAddressSchema = z.string().transform((raw, ctx) => {
  const address = normalizeIpAddress(raw.trim());
  if (address === null) {
    ctx.addIssue({ code: 'custom', message: 'Must be an IPv4 or IPv6 address, such as 203.0.113.7 or 2001:db8::1' });
    return z.NEVER;
  }
  return address;
});
