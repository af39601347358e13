/**
 * The API keys of the active profile: list, create, rotate, revoke, details. Every change goes into
 * the outbox first (one atomic write) and is then sent by the sync coordinator when the server
 * answers, so the same code path serves online and offline, and a crash never loses an acknowledged
 * action. A create or revoke made online awaits the outcome of its own entry; the list is a pure read
 * of the cache (it may ask the coordinator for a background refresh, never run one).
 *
 * - Secrets are generated here with the shared key format; only the SHA-256 and the hint are stored
 *   or sent. The secret is handed to the copy-screen holder and nowhere else.
 * - Revoking a key whose create is still queued cancels the create only if it was never sent (its
 *   `attempts` is persisted before each send): the key never reaches the server. Once it has been
 *   sent — on the wire now, or sent earlier and its answer lost — the server may have the key, so the
 *   revoke is queued behind the create and re-pointed to the server's id once the create lands.
 * - Rotation creates the replacement with the given name, capabilities and impersonation flag; when
 *   the name is the old key's own name, " (rotated)" is appended so the two rows can be told apart.
 *   The old key is revoked only by an explicit keys:revoke once the admin has switched over.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { NAME_MAX_LENGTH, type AuditEventDto } from '../../shared/http/index.js';
import type { CreatedKey, KeyDetails, KeyRow, KeysView, NewKeyInput } from '../../shared/ipc/contract.js';
import { generateSecret, hashSecret, hintOf } from '../../shared/key-format.js';
import { isUnreachable } from '../http/map-error.js';
import type { Clock, Emit } from '../ports.js';
import { revokeChange } from '../outbox/changes/revoke.js';
import { appendEntry } from '../outbox/lifecycle.js';
import { resolveKeyId } from '../outbox/queries.js';
import type { CreateEntry } from '../outbox/schema.js';
import type { ProfileState } from '../store/profile-state.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from '../connection/connection-service.js';
import { requireKeyEnd } from './key-end.js';
import { findRow, keysViewOf } from './key-view.js';
import { usageViewOf } from '../usage/usage-view.js';

export const ROTATED_SUFFIX = ' (rotated)';

export function rotatedNameOf(name: string): string {
  return name.slice(0, NAME_MAX_LENGTH - ROTATED_SUFFIX.length).trimEnd() + ROTATED_SUFFIX;
}

export interface KeysServiceDeps {
  states: StateStore;
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'submit' | 'beforeListRead' | 'listRefusal' | 'isOnline' | 'listIsCurrent' | 'inFlight' | 'aliasOf'>;
  clock: Clock;
  emit: Emit;
  /** Receives each new secret for the copy screen (kept in memory until Done). */
  holdSecret: (keyId: string, secret: string) => void;
  clipboardClearSeconds: number;
}

export interface KeysService {
  list(): Promise<KeysView>;
  create(input: NewKeyInput): Promise<CreatedKey>;
  rotate(input: NewKeyInput & { oldKeyId: string }): Promise<CreatedKey>;
  revoke(id: string): Promise<KeyRow>;
  details(id: string): Promise<KeyDetails>;
}

export function createKeysService(deps: KeysServiceDeps): KeysService {
  const iso = () => new Date(deps.clock.now()).toISOString();
  const requireSession = () => deps.connection.requireSession();
  /** Refused on the field before anything else, as the input's shape is (key-end.ts). */
  const requireExpiry = (input: NewKeyInput) => {
    if (input.expiresAt !== null) requireKeyEnd(input.expiresAt, deps.clock.now(), { path: 'expiresAt', what: 'The expiry date' });
  };

  async function enqueueCreate(input: NewKeyInput, rotatesKeyId: string | null): Promise<CreatedKey> {
    const { profileId } = requireSession();
    const secret = generateSecret('apiKey');
    const state = await deps.states.read(profileId);
    const person = state.me?.kind === 'person' ? state.me.person : null;
    const entry: CreateEntry = {
      kind: 'create',
      id: randomUUID(),
      idempotencyKey: randomUUID(),
      localKeyId: randomUUID(),
      queuedAt: iso(),
      state: 'queued',
      error: null,
      attempts: 0,
      body: {
        name: input.name,
        capabilities: input.capabilities,
        canImpersonate: input.canImpersonate,
        secretHash: hashSecret(secret),
        hint: hintOf(secret),
        expiresAt: input.expiresAt,
        allowedAddresses: input.allowedAddresses,
      },
      rotatesKeyId,
      createdBy: person ? { id: person.id, name: person.name } : null,
    };
    const { outcome } = await deps.sync.submit(async () => {
      await deps.states.update(profileId, (s) => appendEntry(s, entry));
      return { entryId: entry.id, result: null };
    });
    if (outcome.kind === 'refused') throw outcome.error;
    const serverId = outcome.kind === 'applied' ? outcome.key.id : null;
    const row = findRow(await deps.states.read(profileId), serverId ?? entry.localKeyId, deps.sync.inFlight(), deps.clock.now());
    if (!row) throw new AppError('INTERNAL', 'The new key could not be found after it was created.');
    deps.holdSecret(row.id, secret);
    deps.emit('keys:changed', { reason: 'created' });
    return { key: row, secret, queued: !serverId, clipboardClearSeconds: deps.clipboardClearSeconds };
  }

  const resolveId = (state: ProfileState, id: string) => resolveKeyId(state, id, deps.sync.aliasOf);

  return {
    async list() {
      const { profileId } = requireSession();
      // A read of the cache. The coordinator refreshes it (and announces keys:changed if the list
      // changed); only the first read of a session waits for that, so it shows the server's list.
      await deps.sync.beforeListRead();
      const refusal = deps.sync.listRefusal();
      if (refusal) throw refusal;
      return keysViewOf(await deps.states.read(profileId), deps.sync.listIsCurrent() ? 'server' : 'cache', deps.sync.inFlight(), deps.clock.now());
    },
    async create(input) {
      requireExpiry(input);
      return enqueueCreate(input, null);
    },
    async rotate(input) {
      requireExpiry(input);
      const { profileId } = requireSession();
      const state = await deps.states.read(profileId);
      const old = findRow(state, resolveId(state, input.oldKeyId), deps.sync.inFlight(), deps.clock.now());
      if (!old) throw new AppError('NOT_FOUND', 'The key to rotate no longer exists.');
      if (old.status === 'revoked') throw new AppError('CONFLICT', 'This key is already revoked: create a new key instead.');
      const name = input.name === old.name ? rotatedNameOf(input.name) : input.name;
      return enqueueCreate(
        { name, capabilities: input.capabilities, canImpersonate: input.canImpersonate, expiresAt: input.expiresAt, allowedAddresses: input.allowedAddresses },
        old.id,
      );
    },
    async revoke(rawId) {
      const { profileId } = requireSession();
      const { outcome, result } = await deps.sync.submit(async () => {
        const change = await deps.states.transact(profileId, (current) =>
          revokeChange(current, resolveId(current, rawId), { now: iso(), inFlight: deps.sync.inFlight() }),
        );
        return { entryId: change.kind === 'queued' ? change.entryId : null, result: change };
      });
      if (result.kind === 'cancelled') {
        deps.emit('keys:changed', { reason: 'revoked' });
        return result.row;
      }
      if (outcome.kind === 'refused') throw outcome.error;
      const latest = await deps.states.read(profileId);
      const row = findRow(latest, resolveId(latest, rawId), deps.sync.inFlight(), deps.clock.now());
      if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
      deps.emit('keys:changed', { reason: 'revoked' });
      return row;
    },
    async details(rawId) {
      const { profileId, api } = requireSession();
      const state = await deps.states.read(profileId);
      const id = resolveId(state, rawId);
      const row = findRow(state, id, deps.sync.inFlight(), deps.clock.now());
      if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
      const usage = usageViewOf(state, id);
      const unavailable = { key: row, auditEvents: [], auditAvailable: false, usage };
      if (row.pending?.action === 'create' || !deps.sync.isOnline()) return unavailable;
      let auditEvents: AuditEventDto[];
      try {
        auditEvents = await api.auditEvents(id);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        return unavailable;
      }
      return { key: row, auditEvents, auditAvailable: true, usage };
    },
  };
}
