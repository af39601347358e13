/**
 * Every kind of queued action, by name. Its type asks for one complete OutboxKind per entry kind of the
 * schema, so adding a kind to schema.ts does not compile until its file implements every hook and is
 * listed here.
 */
import type { OutboxKind } from './kind.js';
import { bulkRevokeKind } from './kinds/bulk-revoke.js';
import { bulkSuspendKind } from './kinds/bulk-suspend.js';
import { cancelRetirementKind } from './kinds/cancel-retirement.js';
import { createKind } from './kinds/create.js';
import { resumeKind } from './kinds/resume.js';
import { revokeKind } from './kinds/revoke.js';
import { scheduleRetirementKind } from './kinds/schedule-retirement.js';
import { suspendKind } from './kinds/suspend.js';
import { setAllowedAddressesKind } from './kinds/set-allowed-addresses.js';
import type { EntryOf, OutboxEntry, OutboxKindName } from './schema.js';

const outboxKinds: { readonly [K in OutboxKindName]: OutboxKind<EntryOf<K>> } = {
  create: createKind,
  revoke: revokeKind,
  'bulk-revoke': bulkRevokeKind,
  'schedule-retirement': scheduleRetirementKind,
  'cancel-retirement': cancelRetirementKind,
  suspend: suspendKind,
  resume: resumeKind,
  'bulk-suspend': bulkSuspendKind,
  'set-allowed-addresses': setAllowedAddressesKind,
};

/** The hooks of this entry's kind. */
export function kindOf<E extends OutboxEntry>(entry: E): OutboxKind<E> {
  // TypeScript cannot tie the map's value to the entry's own kind; the map's type guarantees it.
  return outboxKinds[entry.kind] as unknown as OutboxKind<E>;
}

/** The same entry, as it is in `outbox` now (same id and kind), or undefined once it left the queue. */
export function currentOf<E extends OutboxEntry>(outbox: readonly OutboxEntry[], entry: E): E | undefined {
  return outbox.find((e): e is E => e.id === entry.id && e.kind === entry.kind);
}
