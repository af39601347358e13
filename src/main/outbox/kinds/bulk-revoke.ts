/**
 * Many keys revoked as ONE action (keys:bulk-revoke), sent as one request with its own
 * Idempotency-Key. `keys` may name pending rows' local ids: re-pointed to the server's ids when their
 * creates land, dropped when a create is refused for good, and split out as a failed single revoke when
 * a create kept failing — but only while the bulk was never sent: once sent, its ids are what its
 * Idempotency-Key stands for (the server answers a different list under the same key with 409).
 */
import { z } from 'zod';
import { BULK_MAX, type BulkRevokeApiKeysResponse } from '../../../shared/http/index.js';
import { withCachedKeys } from '../../store/slices/key-cache.js';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import type { OutboxEntry, ProfileState } from '../schema.js';
import { NOT_REVOKED_CREATE_FAILING, type RevokeEntry } from './revoke.js';

export const BulkRevokeEntrySchema = EntryBase.extend({
  kind: z.literal('bulk-revoke'),
  /** Sent as Idempotency-Key: a resend after a lost answer makes the server replay the first result. */
  idempotencyKey: z.string(),
  keys: z
    .array(z.object({ id: z.string(), name: z.string().nullable(), hint: z.string().nullable() }))
    .min(1)
    .max(BULK_MAX),
});
export type BulkRevokeEntry = z.infer<typeof BulkRevokeEntrySchema>;
type BulkKey = BulkRevokeEntry['keys'][number];

/** Never sent: its list of ids may still change. */
const unsent = (entry: BulkRevokeEntry) => entry.attempts === 0 && entry.state === 'queued';

/** The bulk without `keyId` if it may still change ([] once emptied), and the key taken out. */
function takeOut(entry: BulkRevokeEntry, keyId: string): { kept: BulkRevokeEntry[]; taken: BulkKey | null } {
  const key = unsent(entry) ? entry.keys.find((k) => k.id === keyId) : undefined;
  if (!key) return { kept: [entry], taken: null };
  const keys = entry.keys.filter((k) => k.id !== keyId);
  return { kept: keys.length > 0 ? [{ ...entry, keys }] : [], taken: key };
}

export const NOT_FOUND_MESSAGE = 'RakerOne has no such key in this organization, so the bulk revoke could not revoke it (the other keys were revoked).';

/**
 * The server applied the bulk: the entry leaves the queue in the same write that caches the revoked
 * keys (and marks revoked the ones it says were revoked before). Ids it does not know are reported:
 * straight to the admin who awaits the answer, else kept as this entry, failed, until dismissed.
 */
export function applyBulkRevoked(
  state: ProfileState,
  entry: BulkRevokeEntry,
  response: BulkRevokeApiKeysResponse,
  options: { awaited: boolean },
): ProfileState {
  const missing = new Set(response.notFound);
  const notFound = entry.keys.filter((k) => missing.has(k.id.toLowerCase()));
  const cached = withCachedKeys(state, response.revoked, new Set(response.alreadyRevoked));
  const outbox = cached.outbox.flatMap((e): OutboxEntry[] => {
    if (e.id !== entry.id) return [e];
    if (options.awaited || notFound.length === 0) return [];
    return [{ ...entry, keys: notFound, state: 'failed', error: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE } }];
  });
  return { ...cached, outbox };
}

export const bulkRevokeKind: OutboxKind<BulkRevokeEntry> = {
  async send(entry, { api, awaited }) {
    const response = await api.bulkRevokeKeys(
      entry.keys.map((k) => k.id),
      entry.idempotencyKey,
    );
    const isAwaited = awaited(entry.id);
    return { outcome: { kind: 'bulk-applied', response }, record: (state, current) => applyBulkRevoked(state, current, response, { awaited: isAwaited }) };
  },
  createdKeyId: () => null,
  repoint(entry, localId, serverId) {
    if (!unsent(entry) || !entry.keys.some((k) => k.id === localId)) return entry;
    return { ...entry, keys: entry.keys.map((k) => (k.id === localId ? { ...k, id: serverId } : k)) };
  },
  // The key never existed: nothing to revoke (an emptied bulk leaves the queue).
  whenKeyNeverExists: (entry, keyId) => takeOut(entry, keyId).kept,
  // The bulk cannot name a key that has no server id: kept as a failed single revoke saying so.
  whenKeyMayNotExist(entry, keyId) {
    const { kept, taken } = takeOut(entry, keyId);
    if (!taken) return { kept, added: [] };
    const failed: RevokeEntry = {
      kind: 'revoke',
      id: `${entry.id}:${taken.id}`,
      keyId: taken.id,
      keyName: taken.name ?? taken.id,
      queuedAt: entry.queuedAt,
      state: 'failed',
      error: NOT_REVOKED_CREATE_FAILING,
      attempts: 0,
    };
    return { kept, added: [failed] };
  },
  revokes: (entry) => entry.keys.map((k) => k.id),
  rowAction: 'revoke',
  failedKey: (entry) => ({ keyId: entry.keys[0]?.id ?? entry.id, keyName: namesOf(entry.keys.map((k) => k.name ?? k.id)) }),
};

/** "Billing, Import, Deploy (+4 more)": the names a failed bulk revoke is about. */
function namesOf(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown;
}
