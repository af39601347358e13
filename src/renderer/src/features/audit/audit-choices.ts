/**
 * The people and keys the Who and Key filters offer. There is no people list in the API, so people are
 * those this app knows: the admin, whoever made a key, and whoever appears in the loaded events. Keys
 * are the organization's keys (keys:list), revoked ones included (their events still matter), by name
 * and hint so two keys of the same name can be told apart.
 */
import type { AuditEventDto } from '@shared/http/api-keys';
import type { KeyRow } from '@shared/ipc/contract';
import type { Choice } from './audit-toolbar';

export function keyChoices(keys: readonly KeyRow[]): Choice[] {
  return keys.filter((key) => key.pending?.action !== 'create').map((key) => ({ value: key.id, label: `${key.name} (${key.hint})` }));
}

export function peopleChoices(me: { id: string; name: string } | null, keys: readonly KeyRow[], events: readonly AuditEventDto[]): Choice[] {
  const people = new Map<string, string>();
  if (me) people.set(me.id, me.name);
  for (const key of keys) if (key.createdBy) people.set(key.createdBy.id, key.createdBy.name);
  for (const event of events) if (event.actor.type === 'person') people.set(event.actor.id, event.actor.name);
  return [...people.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
