/**
 * The server's audit filters, applied to cached events (offline). Each rule mirrors the server's
 * query (server: modules/audit/audit-repository.ts), so a filtered view reads the same offline:
 * - an event concerns a key when its target is that key, or else when the key did it (as itself, or
 *   as the key a person acted through);
 * - the actor is the event's actor id (the person, for an impersonated call);
 * - `from` inclusive, `to` exclusive.
 */
import type { AuditEventDto } from '../../shared/http/index.js';
import type { AuditFilter } from '../../shared/ipc/audit.js';

function concernedKeyId(event: AuditEventDto): string | null {
  if (event.target.type === 'apiKey') return event.target.id;
  if (event.actor.type === 'apiKey') return event.actor.id;
  return event.actor.viaKey?.id ?? null;
}

export function matchesFilter(event: AuditEventDto, filter: AuditFilter): boolean {
  if (filter.actions.length > 0 && !filter.actions.includes(event.action)) return false;
  if (filter.actorId !== null && event.actor.id !== filter.actorId) return false;
  if (filter.apiKeyId !== null && concernedKeyId(event) !== filter.apiKeyId) return false;
  const at = Date.parse(event.occurredAt);
  if (filter.from !== null && at < Date.parse(filter.from)) return false;
  if (filter.to !== null && at >= Date.parse(filter.to)) return false;
  return true;
}

export function isUnfiltered(filter: AuditFilter): boolean {
  return filter.actions.length === 0 && filter.actorId === null && filter.apiKeyId === null && filter.from === null && filter.to === null;
}
