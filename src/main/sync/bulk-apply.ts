/**
 * How a bulk revoke changes the stored state, as pure functions (each one atomic write, like apply.ts).
 * A bulk entry's ids may name pending rows (local ids of queued creates): they are re-pointed when the
 * create lands, dropped when the create is refused for good, and split out as a failed single revoke
 * when the create kept failing — but only while the bulk was never sent: once sent, its ids are what
 * its Idempotency-Key stands for (the server answers a different list under the same key with 409).
 */
import type { AppErrorDto } from '../../shared/errors.js';
import type { ApiKeyDto, BulkRevokeApiKeysResponse } from '../../shared/http/index.js';
import type { BulkRevokeEntry, OutboxEntry, ProfileState, RevokeEntry } from '../store/outbox-schema.js';

/** Never sent: its list of ids may still change. */
const unsent = (entry: OutboxEntry): entry is BulkRevokeEntry => entry.kind === 'bulk-revoke' && entry.attempts === 0 && entry.state === 'queued';

/** The create of `localId` landed as `serverId`. */
export function repointBulk(entry: BulkRevokeEntry, localId: string, serverId: string): BulkRevokeEntry {
  if (!unsent(entry) || !entry.keys.some((k) => k.id === localId)) return entry;
  return { ...entry, keys: entry.keys.map((k) => (k.id === localId ? { ...k, id: serverId } : k)) };
}

/** Takes `keyId` out of every unsent bulk (an emptied bulk leaves the queue); returns what was taken. */
function takeOut(state: ProfileState, keyId: string): { state: ProfileState; taken: { bulk: BulkRevokeEntry; key: BulkRevokeEntry['keys'][number] }[] } {
  const taken: { bulk: BulkRevokeEntry; key: BulkRevokeEntry['keys'][number] }[] = [];
  const outbox = state.outbox.flatMap((e): OutboxEntry[] => {
    if (!unsent(e)) return [e];
    const key = e.keys.find((k) => k.id === keyId);
    if (!key) return [e];
    taken.push({ bulk: e, key });
    const keys = e.keys.filter((k) => k.id !== keyId);
    return keys.length > 0 ? [{ ...e, keys }] : [];
  });
  return { state: { ...state, outbox }, taken };
}

/** The create of `localId` was refused for good: the key never existed, nothing to revoke. */
export function dropFromBulks(state: ProfileState, localId: string): ProfileState {
  return takeOut(state, localId).state;
}

/**
 * The create of `localId` kept failing (5xx): the server may or may not have the key. The bulk cannot
 * name it (it has no server id), so it is kept as a failed single revoke saying so, like failRevokesOf.
 */
export function failFromBulks(state: ProfileState, localId: string, error: AppErrorDto): ProfileState {
  const { state: next, taken } = takeOut(state, localId);
  const failed = taken.map(
    ({ bulk, key }): RevokeEntry => ({
      kind: 'revoke',
      id: `${bulk.id}:${key.id}`,
      keyId: key.id,
      keyName: key.name ?? key.id,
      queuedAt: bulk.queuedAt,
      state: 'failed',
      error,
      attempts: 0,
    }),
  );
  return { ...next, outbox: [...next.outbox, ...failed] };
}

function upsertKeys(keys: ApiKeyDto[], changed: ApiKeyDto[]): ApiKeyDto[] {
  const byId = new Map(changed.map((k) => [k.id, k]));
  const known = new Set(keys.map((k) => k.id));
  return [...changed.filter((k) => !known.has(k.id)), ...keys.map((k) => byId.get(k.id) ?? k)];
}

export const NOT_FOUND_MESSAGE = 'RakerOne has no such key in this organization, so the bulk revoke could not revoke it (the other keys were revoked).';

/**
 * The server applied the bulk: the entry leaves the queue in the same write that caches the revoked
 * keys (and marks revoked the ones it says were revoked before). Ids it does not know are reported:
 * straight to the admin who awaits the answer, else kept as this entry, failed, until dismissed.
 */
export function applyBulkRevoked(state: ProfileState, entry: BulkRevokeEntry, response: BulkRevokeApiKeysResponse, options: { awaited: boolean }): ProfileState {
  const before = new Set(response.alreadyRevoked);
  const keys = upsertKeys(state.keys, response.revoked).map((k) => (before.has(k.id) && k.status !== 'revoked' ? { ...k, status: 'revoked' as const } : k));
  const missing = new Set(response.notFound);
  const notFound = entry.keys.filter((k) => missing.has(k.id.toLowerCase()));
  const outbox = state.outbox.flatMap((e): OutboxEntry[] => {
    if (e.id !== entry.id) return [e];
    if (options.awaited || notFound.length === 0) return [];
    return [{ ...entry, keys: notFound, state: 'failed', error: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE } }];
  });
  return { ...state, keys, outbox };
}
