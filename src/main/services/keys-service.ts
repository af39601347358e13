/**
 * The API keys of the active profile: list, create, rotate, revoke, details. Every change goes into
 * the outbox first (one atomic write) and is then sent by the sync engine when the server answers,
 * so the same code path serves online and offline, and a crash never loses an acknowledged action.
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
import type { Clock, Emit, Logger } from '../ports.js';
import type { CreateEntry, ProfileState, RevokeEntry } from '../store/outbox-schema.js';
import type { StateStore } from '../store/state-store.js';
import { canCancelCreate, mayBeApplied, requeued } from '../sync/apply.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { ConnectionService } from './connection-service.js';
import { findRow, keysViewOf } from './key-view.js';

export const ROTATED_SUFFIX = ' (rotated)';

export function rotatedNameOf(name: string): string {
  return name.slice(0, NAME_MAX_LENGTH - ROTATED_SUFFIX.length).trimEnd() + ROTATED_SUFFIX;
}

export interface KeysServiceDeps {
  states: StateStore;
  connection: ConnectionService;
  sync: SyncEngine;
  clock: Clock;
  logger: Logger;
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

  async function view(profileId: string, source: KeysView['source']): Promise<KeysView> {
    return keysViewOf(await deps.states.read(profileId), source, deps.sync.inFlight());
  }

  /** Sends the queue now if the server is believed reachable; reports the outcome to the connection. */
  async function drainIfOnline(interactive?: string) {
    if (!deps.connection.isOnline()) return null;
    const report = await deps.sync.drain(interactive ? { interactive } : { fresh: true });
    if (!report.stoppedBy) deps.connection.reportReachable();
    return report;
  }

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
      body: { name: input.name, capabilities: input.capabilities, canImpersonate: input.canImpersonate, secretHash: hashSecret(secret), hint: hintOf(secret) },
      rotatesKeyId,
      createdBy: person ? { id: person.id, name: person.name } : null,
    };
    await deps.states.update(profileId, (s) => ({ ...s, outbox: [...s.outbox, entry] }));
    const report = await drainIfOnline(entry.id);
    const outcome = report?.outcomes.get(entry.id);
    if (outcome && !outcome.ok) throw outcome.error;
    const latest = await deps.states.read(profileId);
    // A drain already under way (a list refresh) may have picked the entry up before ours ran: then
    // its outcome is in that drain's report, and the server id is known through the alias it left.
    const serverId = outcome?.ok ? outcome.key.id : deps.sync.aliasOf(entry.localKeyId);
    const failed = latest.outbox.find((e) => e.id === entry.id && e.state === 'failed');
    if (!serverId && failed?.error) {
      // Refused while a drain of its own (a list refresh) had it: the admin is looking at the dialog,
      // so the error goes back to them, as an interactive create's does — not also into the failed list.
      // Kept only if the server may have the key after all (a 5xx each time), so it can be revoked.
      if (!mayBeApplied(failed, deps.sync.inFlight())) await deps.states.update(profileId, (s) => ({ ...s, outbox: s.outbox.filter((e) => e.id !== entry.id) }));
      throw new AppError(failed.error.code, failed.error.message, failed.error.details);
    }
    const row = findRow(latest, serverId ?? entry.localKeyId, deps.sync.inFlight());
    if (!row) throw new AppError('INTERNAL', 'The new key could not be found after it was created.');
    deps.holdSecret(row.id, secret);
    deps.emit('keys:changed', { reason: 'created' });
    return { key: row, secret, queued: !serverId, clipboardClearSeconds: deps.clipboardClearSeconds };
  }

  function resolveId(state: ProfileState, id: string): string {
    const inQueue = state.outbox.some((e) => e.kind === 'create' && e.localKeyId === id);
    return inQueue ? id : (deps.sync.aliasOf(id) ?? id);
  }

  return {
    async list() {
      const { profileId } = requireSession();
      if (deps.connection.isOnline()) {
        const report = await deps.sync.drain({ fresh: true, quietRefresh: true });
        if (!report.stoppedBy) return view(profileId, 'server');
        // The server answered and refused: that is the answer, not a reason to fall back to the cache.
        if (report.stoppedBy.code === 'FORBIDDEN' || report.stoppedBy.code === 'UNAUTHORIZED') throw report.stoppedBy;
        if (isUnreachable(report.stoppedBy)) deps.connection.reportUnreachable(report.stoppedBy);
      }
      return view(profileId, 'cache');
    },
    create: (input) => enqueueCreate(input, null),
    async rotate(input) {
      const { profileId } = requireSession();
      const state = await deps.states.read(profileId);
      const old = findRow(state, resolveId(state, input.oldKeyId));
      if (!old) throw new AppError('NOT_FOUND', 'The key to rotate no longer exists.');
      if (old.status === 'revoked') throw new AppError('CONFLICT', 'This key is already revoked: create a new key instead.');
      const name = input.name === old.name ? rotatedNameOf(input.name) : input.name;
      return enqueueCreate({ name, capabilities: input.capabilities, canImpersonate: input.canImpersonate }, old.id);
    },
    async revoke(rawId) {
      const { profileId } = requireSession();
      let result: { row: KeyRow } | null = null;
      await deps.states.update(profileId, (current) => {
        const id = resolveId(current, rawId);
        let s = current;
        const queuedCreate = s.outbox.find((e): e is CreateEntry => e.kind === 'create' && e.localKeyId === id);
        if (queuedCreate && canCancelCreate(queuedCreate, deps.sync.inFlight())) {
          // Never sent (or refused for good): cancel it. The row is returned revoked and disappears from the list.
          const row = findRow(s, id);
          if (row) result = { row: { ...row, status: 'revoked', revokedAt: iso(), pending: null } };
          return { ...s, outbox: s.outbox.filter((e) => e.id !== queuedCreate.id) };
        }
        // Sent at least once (or on the wire now): the server may have the key. The revoke is queued
        // behind the create (re-pointed to the server's id when the create lands); a create that
        // failed with an unknown outcome (5xx) is queued again so that it lands, or is refused, first.
        // Its count of server errors starts again, or the next 5xx would fail it (and this revoke) at once.
        if (queuedCreate?.state === 'failed') s = { ...s, outbox: s.outbox.map((e) => (e.id === queuedCreate.id ? requeued(e) : e)) };
        const row = findRow(s, id);
        if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
        if (row.status === 'revoked') return s;
        const previous = s.outbox.find((e) => e.kind === 'revoke' && e.keyId === id);
        // Already queued: nothing to add. Failed before: the admin asks again, so try again.
        if (previous?.state === 'queued') return s;
        if (previous) return { ...s, outbox: s.outbox.map((e) => (e.id === previous.id ? requeued(e) : e)) };
        const entry: RevokeEntry = { kind: 'revoke', id: randomUUID(), keyId: id, keyName: row.name, queuedAt: iso(), state: 'queued', error: null, attempts: 0 };
        return { ...s, outbox: [...s.outbox, entry] };
      });
      const cancelled = result as { row: KeyRow } | null;
      if (cancelled) {
        deps.emit('keys:changed', { reason: 'revoked' });
        return cancelled.row;
      }
      await drainIfOnline();
      const latest = await deps.states.read(profileId);
      const id = resolveId(latest, rawId);
      const revokeEntry = latest.outbox.find((e) => e.kind === 'revoke' && e.keyId === id);
      if (revokeEntry?.state === 'failed' && revokeEntry.error) {
        // Sent while online and refused: the admin is looking at the dialog, tell them now.
        await deps.states.update(profileId, (s) => ({ ...s, outbox: s.outbox.filter((e) => e.id !== revokeEntry.id) }));
        throw new AppError(revokeEntry.error.code, revokeEntry.error.message, revokeEntry.error.details);
      }
      const row = findRow(latest, id, deps.sync.inFlight());
      if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
      deps.emit('keys:changed', { reason: 'revoked' });
      return row;
    },
    async details(rawId) {
      const { profileId, api } = requireSession();
      const state = await deps.states.read(profileId);
      const id = resolveId(state, rawId);
      const row = findRow(state, id, deps.sync.inFlight());
      if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
      if (row.pending?.action === 'create' || !deps.connection.isOnline()) return { key: row, auditEvents: [], auditAvailable: false };
      let auditEvents: AuditEventDto[];
      try {
        auditEvents = await api.auditEvents(id);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        deps.connection.reportUnreachable(error as AppError);
        return { key: row, auditEvents: [], auditAvailable: false };
      }
      return { key: row, auditEvents, auditAvailable: true };
    },
  };
}
