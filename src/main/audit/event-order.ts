/**
 * The audit log's one order, the server's: newest first by `occurredAt` (compared as instants), then
 * by `id` (as text, as the server orders it). A position is an event's (at, id); "after" a position
 * means older than it in this order.
 */
import type { AuditEventDto } from '../../shared/http/index.js';
import { compareInstants } from '../../shared/instant.js';

export interface EventPosition {
  at: string;
  id: string;
}

export const positionOf = (event: AuditEventDto): EventPosition => ({ at: event.occurredAt, id: event.id });

/** Negative when `a` comes first (is newer), positive when it comes later, 0 for the same position. */
export function compareNewestFirst(a: EventPosition, b: EventPosition): number {
  const byTime = compareInstants(b.at, a.at);
  if (byTime !== 0) return Math.sign(byTime);
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return 0;
}

/** True when `event` comes strictly after `position` (older), i.e. belongs on a later page. */
export function comesAfter(event: AuditEventDto, position: EventPosition): boolean {
  return compareNewestFirst(positionOf(event), position) > 0;
}
