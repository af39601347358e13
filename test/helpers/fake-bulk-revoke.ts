/**
 * keys:bulk-revoke for the fake bridge, as main answers it: online, the listed keys are revoked (a key
 * revoked before is "already revoked", an unknown id "not found"); offline, one queued action marks
 * every listed key "Revocation pending". Returns the new rows and the answer.
 */
import type { BulkKeyRef, BulkRevokeResult } from '../../src/shared/ipc/bulk-revoke';
import type { KeyRow } from '../../src/shared/ipc/contract';

export function fakeBulkRevoke(keys: KeyRow[], ids: string[], options: { offline: boolean; now: string }): { keys: KeyRow[]; result: BulkRevokeResult } {
  const byId = new Map(keys.map((key) => [key.id, key]));
  const ref = (id: string): BulkKeyRef => ({ id, name: byId.get(id)?.name ?? null, hint: byId.get(id)?.hint ?? null });
  const result: BulkRevokeResult = { queued: options.offline, revoked: [], pending: [], cancelled: [], alreadyRevoked: [], notFound: [] };
  const changed = new Map<string, KeyRow>();
  const outboxId = `outbox-bulk-${options.now}`;
  for (const id of new Set(ids)) {
    const key = byId.get(id);
    if (!key) result.notFound.push(ref(id));
    else if (key.status === 'revoked') result.alreadyRevoked.push(ref(id));
    else if (options.offline) {
      result.pending.push(ref(id));
      changed.set(id, { ...key, pending: { outboxId, action: 'revoke', state: 'queued', error: null, queuedAt: options.now, mayBeApplied: false } });
    } else {
      result.revoked.push(ref(id));
      changed.set(id, { ...key, status: 'revoked', revokedAt: options.now, pending: null });
    }
  }
  return { keys: keys.map((key) => changed.get(key.id) ?? key), result };
}
