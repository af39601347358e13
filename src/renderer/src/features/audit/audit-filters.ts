/**
 * The Audit log's filters as the page holds them, and as main receives them. Dates are whole days in
 * the admin's time zone, both ends included: "from 3 March to 5 March" is 3 March 00:00 (inclusive)
 * to 6 March 00:00 (exclusive), in local time, sent as instants.
 */
import dayjs from 'dayjs';
import type { AuditAction } from '@shared/http/api-keys';
import type { AuditFilterInput } from '@shared/ipc/audit';

export interface AuditFilters {
  actions: AuditAction[];
  /** A person's or a key's id (who did it). */
  actorId: string | null;
  /** A key's id (done by it, or about it). */
  apiKeyId: string | null;
  /** `YYYY-MM-DD` as a date field gives it, or '' for none. */
  fromDay: string;
  toDay: string;
}

export const NO_FILTERS: AuditFilters = { actions: [], actorId: null, apiKeyId: null, fromDay: '', toDay: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): string | null {
  if (!DAY.test(day)) return null;
  const start = dayjs(day, 'YYYY-MM-DD');
  return start.isValid() ? start.toDate().toISOString() : null;
}

export function filtersActive(filters: AuditFilters): boolean {
  return filters.actions.length > 0 || filters.actorId !== null || filters.apiKeyId !== null || filters.fromDay !== '' || filters.toDay !== '';
}

/** The date range is backwards: the page says so instead of asking main. */
export function dateRangeError(filters: AuditFilters): string | null {
  if (DAY.test(filters.fromDay) && DAY.test(filters.toDay) && filters.fromDay > filters.toDay) return 'The start date must not be after the end date';
  return null;
}

export function toAuditFilter(filters: AuditFilters): AuditFilterInput {
  const toDayStart = dayStart(filters.toDay);
  return {
    actions: filters.actions,
    actorId: filters.actorId,
    apiKeyId: filters.apiKeyId,
    from: dayStart(filters.fromDay),
    to: toDayStart === null ? null : dayjs(toDayStart).add(1, 'day').toDate().toISOString(),
  };
}
