/**
 * Many keys suspended as ONE action (keys:bulk-suspend), sent as one request with its reason and its
 * own Idempotency-Key. Like a bulk revoke, `keys` may name pending rows' local ids: re-pointed when
 * their creates land, dropped when a create is refused for good, split out as a failed single suspend
 * when a create kept failing — but only while the bulk was never sent: once sent, its ids are what its
 * Idempotency-Key stands for (the server answers a different list under the same key with 409).
 */
import { z } from 'zod';
import { BULK_MAX, type BulkSuspendApiKeysResponse } from '../../../shared/http/index.js';
import { withCachedKeys } from '../../store/slices/key-cache.js';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import type { OutboxEntry, ProfileState } from '../schema.js';
import { NOT_SUSPENDED_CREATE_FAILING, type SuspendEntry } from './suspend.js';

export const BulkSuspendEntrySchema = EntryBase.extend({
  kind: z.literal('bulk-suspend'),
  /** Sent as Idempotency-Key: a resend after a lost answer makes the server replay the first result. */
  idempotencyKey: z.string(),
  reason: z.string(),
  keys: z
    .array(z.object({ id: z.string(), name: z.string().nullable(), hint: z.string().nullable() }))
    .min(1)
    .max(BULK_MAX),
});
export type BulkSuspendEntry = z.infer<typeof BulkSuspendEntrySchema>;
type BulkKey = BulkSuspendEntry['keys'][number];

/** Never sent: its list of ids may still change. */
export const bulkUnsent = (entry: BulkSuspendEntry) => entry.attempts === 0 && entry.state === 'queued';

/** The bulk without `keyId` if it may still change ([] once emptied), and the key taken out. */
export function takeOutOfBulkSuspend(entry: BulkSuspendEntry, keyId: string): { kept: BulkSuspendEntry[]; taken: BulkKey | null } {
  const key = bulkUnsent(entry) ? entry.keys.find((k) => k.id === keyId) : undefined;
  if (!key) return { kept: [entry], taken: null };
  const keys = entry.keys.filter((k) => k.id !== keyId);
  return { kept: keys.length > 0 ? [{ ...entry, keys }] : [], taken: key };
}

export const BULK_SUSPEND_NOT_FOUND_MESSAGE =
  'RakerOne has no such key in this organization, so the bulk suspend could not suspend it (the other keys were suspended).';

/**
 * The server applied the bulk: the entry leaves the queue in the same write that caches the suspended
 * keys. Keys it says were suspended before or are no longer active are left to the next list refresh
 * (it follows every drain). Ids it does not know are reported: straight to the admin who awaits the
 * answer, else kept as this entry, failed, until dismissed.
 */
export function applyBulkSuspended(
  state: ProfileState,
  entry: BulkSuspendEntry,
  response: BulkSuspendApiKeysResponse,
  options: { awaited: boolean },
): ProfileState {
  const missing = new Set(response.notFound);
  const notFound = entry.keys.filter((k) => missing.has(k.id.toLowerCase()));
  const cached = withCachedKeys(state, response.suspended);
  const outbox = cached.outbox.flatMap((e): OutboxEntry[] => {
    if (e.id !== entry.id) return [e];
    if (options.awaited || notFound.length === 0) return [];
    return [{ ...entry, keys: notFound, state: 'failed', error: { code: 'NOT_FOUND', message: BULK_SUSPEND_NOT_FOUND_MESSAGE } }];
  });
  return { ...cached, outbox };
}

export const bulkSuspendKind: OutboxKind<BulkSuspendEntry> = {
  async send(entry, { api, awaited }) {
    const response = await api.bulkSuspendKeys(
      entry.keys.map((k) => k.id),
      entry.reason,
      entry.idempotencyKey,
    );
    const isAwaited = awaited(entry.id);
    return {
      outcome: { kind: 'bulk-suspended', response },
      record: (state, current) => applyBulkSuspended(state, current, response, { awaited: isAwaited }),
    };
  },
  createdKeyId: () => null,
  repoint(entry, localId, serverId) {
    if (!bulkUnsent(entry) || !entry.keys.some((k) => k.id === localId)) return entry;
    return { ...entry, keys: entry.keys.map((k) => (k.id === localId ? { ...k, id: serverId } : k)) };
  },
  // The key never existed: nothing to suspend (an emptied bulk leaves the queue).
  whenKeyNeverExists: (entry, keyId) => takeOutOfBulkSuspend(entry, keyId).kept,
  // The bulk cannot name a key that has no server id: kept as a failed single suspend saying so.
  whenKeyMayNotExist(entry, keyId) {
    const { kept, taken } = takeOutOfBulkSuspend(entry, keyId);
    if (!taken) return { kept, added: [] };
    const failed: SuspendEntry = {
      kind: 'suspend',
      id: `${entry.id}:${taken.id}`,
      idempotencyKey: `${entry.idempotencyKey}:${taken.id}`,
      keyId: taken.id,
      keyName: taken.name ?? taken.id,
      reason: entry.reason,
      queuedAt: entry.queuedAt,
      state: 'failed',
      error: NOT_SUSPENDED_CREATE_FAILING,
      attempts: 0,
    };
    return { kept, added: [failed] };
  },
  revokes: () => [],
  rowAction: 'suspend',
  failedKey: (entry) => ({ keyId: entry.keys[0]?.id ?? entry.id, keyName: namesOf(entry.keys.map((k) => k.name ?? k.id)) }),
};

/** "Billing, Import, Deploy (+4 more)": the names a failed bulk suspend is about. */
function namesOf(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown;
}
