/** Who did an audited thing, as people read it: "Ada Admin", "Ada Admin (via key Billing)". Said alike by the audit log and a key's Audit events (details drawer). */
import type { AuditEventDto } from '@shared/http/api-keys';

export function actorText(event: AuditEventDto): string {
  return event.actor.viaKey ? `${event.actor.name} (via key ${event.actor.viaKey.name})` : event.actor.name;
}
