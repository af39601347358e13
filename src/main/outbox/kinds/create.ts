/**
 * A key created (or a rotation's replacement), queued: POST /api/admin/api-keys with its own
 * Idempotency-Key, so a resend after a lost answer makes the server replay the first result. Until it
 * lands its row has a local id (`localKeyId`); other entries may name that id and are re-pointed when
 * it lands (fate.ts). No secret is stored: only the key's SHA-256 and hint.
 */
import { z } from 'zod';
import { CapabilityListSchema, IsoDateSchema, type ApiKeyDto, type CreateApiKeyBody } from '../../../shared/http/index.js';
import { API_KEY_HINT_PATTERN, SECRET_HASH_PATTERN } from '../../../shared/key-shape.js';
import { withCachedKey, withRotation } from '../../store/slices/key-cache.js';
import { EntryBase } from '../entry-base.js';
import type { OutboxKind } from '../kind.js';
import { removeEntry } from '../lifecycle.js';
import type { ProfileState } from '../schema.js';

export const CreateEntrySchema = EntryBase.extend({
  kind: z.literal('create'),
  /** Sent as Idempotency-Key: a replay after a crash returns the key created the first time. */
  idempotencyKey: z.string(),
  /** The id the pending row has until the server gives the key its own. */
  localKeyId: z.string(),
  body: z.object({
    name: z.string(),
    capabilities: CapabilityListSchema,
    canImpersonate: z.boolean(),
    secretHash: z.string().regex(SECRET_HASH_PATTERN),
    hint: z.string().regex(API_KEY_HINT_PATTERN),
    /** When the key stops working (null: never). Absent in entries queued before expiry existed. */
    expiresAt: IsoDateSchema.nullable().default(null),
    /** Canonical CIDR blocks the key may be used from (null: any address). Absent in entries queued before allowed addresses existed. */
    allowedAddresses: z.array(z.string()).min(1).nullable().default(null),
  }),
  rotatesKeyId: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type CreateEntry = z.infer<typeof CreateEntrySchema>;

/**
 * The POST body of a create entry: no expiry is sent as no `expiresAt` at all (the server's field is
 * optional, not nullable), and no list as no `allowedAddresses` (so a server from before allowed
 * addresses, whose body is strict, still accepts a key without one).
 */
export function createBodyOf(entry: CreateEntry): CreateApiKeyBody {
  const { expiresAt, allowedAddresses, ...rest } = entry.body;
  return { ...rest, ...(expiresAt === null ? {} : { expiresAt }), ...(allowedAddresses === null ? {} : { allowedAddresses }) };
}

/** The create landed: the entry leaves the queue in the write that caches the key and its rotation. */
export function recordCreated(state: ProfileState, entry: CreateEntry, key: ApiKeyDto): ProfileState {
  const cached = withCachedKey(removeEntry(state, entry.id), key);
  return entry.rotatesKeyId ? withRotation(cached, key.id, entry.rotatesKeyId) : cached;
}

export const createKind: OutboxKind<CreateEntry> = {
  async send(entry, { api }) {
    const { apiKey } = await api.createKey(createBodyOf(entry), entry.idempotencyKey);
    return { outcome: { kind: 'applied', key: apiKey }, record: (state, current) => recordCreated(state, current, apiKey) };
  },
  createdKeyId: (entry) => entry.localKeyId,
  repoint: (entry, localId, serverId) => (entry.rotatesKeyId === localId ? { ...entry, rotatesKeyId: serverId } : entry),
  // Another key's fate does not change a create (the key it rotates stays named: the rotation is shown).
  whenKeyNeverExists: (entry) => [entry],
  whenKeyMayNotExist: (entry) => ({ kept: [entry], added: [] }),
  revokes: () => [],
  rowAction: 'create',
  failedKey: (entry) => ({ keyId: entry.localKeyId, keyName: entry.body.name }),
};
