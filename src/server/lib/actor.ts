/** The actor of an action, as the API shows it and as the tables store it (ActorColumns). */
import type { Actor } from '../../shared/http/common.js';
import type { ActorColumns } from '../db/schema.js';

export function actorColumns(actor: Actor): ActorColumns {
  return {
    actor_type: actor.type,
    actor_id: actor.id,
    actor_name: actor.name,
    via_key_id: actor.viaKey?.id ?? null,
    via_key_name: actor.viaKey?.name ?? null,
  };
}

export function actorFromColumns(row: ActorColumns): Actor {
  return {
    type: row.actor_type,
    id: row.actor_id,
    name: row.actor_name,
    viaKey: row.via_key_id !== null ? { id: row.via_key_id, name: row.via_key_name ?? '' } : null,
  };
}

/** The key whose use this actor is (itself, or the key a person acted through), if any. */
export function apiKeyIdOf(actor: Actor): string | null {
  if (actor.type === 'apiKey') return actor.id;
  return actor.viaKey?.id ?? null;
}
