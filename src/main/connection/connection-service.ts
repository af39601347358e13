/**
 * Which server main talks to, as whom, and whether it answers. Owns the active session (profile +
 * API client), the sign-in (the admin token goes from the connect dialog straight to the keychain,
 * after the server confirmed it belongs to an admin), sign-out, profile switching, and the
 * online/offline/unauthorized status.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { MeResponse } from '../../shared/http/index.js';
import type { ConnectionState, Profile } from '../../shared/ipc/contract.js';
import { checkSecret } from '../../shared/key-format.js';
import type { ApiClient } from '../http/api-client.js';
import type { Emit, Logger } from '../ports.js';
import type { TokenVault } from '../secrets/token-vault.js';
import { findProfile, type ProfileStore } from '../store/profile-store.js';
import type { MeStore } from '../store/me-store.js';
import type { StateStore } from '../store/state-store.js';
import type { Link } from '../sync/link.js';
import { observeApi } from '../sync/observed-api.js';
import type { SessionRef, SyncSession } from '../sync/session-ref.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';

export const LOCAL_PROFILE_ID = 'local';

export interface ConnectionDeps {
  profiles: ProfileStore;
  states: StateStore;
  /** The one writer of who is signed in (the profile state's `me`). */
  meStore: MeStore;
  /** Admin tokens in the keychain, bound to their server. */
  tokens: TokenVault;
  logger: Logger;
  emit: Emit;
  /** Builds an API client for a server; `getToken` supplies the Bearer token at call time. */
  createApi: (serverUrl: string, getToken: () => Promise<string>) => ApiClient;
  /** Written here only: the session the sync layer works on. */
  session: SessionRef;
  /** Online / offline / unauthorized: owned by the link, read here. */
  link: Link;
  sync: Pick<SyncCoordinator, 'activate'>;
}

export interface ConnectionService {
  init(): Promise<void>;
  state(): Promise<ConnectionState>;
  session(): SyncSession | null;
  /** The session, or UNAUTHORIZED ("Connect to a RakerOne server first.") when signed out. */
  requireSession(): SyncSession;
  connect(serverUrl: string, adminToken: string, options?: { isLocal?: boolean }): Promise<ConnectionState>;
  disconnect(): Promise<ConnectionState>;
  switchTo(profileId: string): Promise<ConnectionState>;
  /** The active profile's server URL changed (the local server listens on a new port each run). */
  activeProfile(): Promise<Profile | null>;
}

export function createConnectionService(deps: ConnectionDeps): ConnectionService {
  const session = () => deps.session.get();
  let token: string | null = null;

  const activeProfile = async () => {
    const file = await deps.profiles.read();
    return findProfile(file, file.activeId);
  };

  async function state(): Promise<ConnectionState> {
    const profile = await activeProfile();
    const lastSyncedAt = profile ? (await deps.states.read(profile.id)).syncedAt : null;
    const file = await deps.profiles.read();
    const rejected = profile ? undefined : file.rejected?.find((r) => r.id !== null && r.id === file.activeId);
    if (rejected) {
      // The active profile was edited outside the app into something not allowed: say so, send nothing.
      const why = `The saved server profile${rejected.serverUrl ? ` for ${rejected.serverUrl}` : ''} was changed outside RakerOne Admin and is not valid (${rejected.reason}). Nothing was sent to it. Sign in again.`;
      return { status: 'disconnected', profile: null, lastSyncedAt: null, error: new AppError('VALIDATION', why).toDto() };
    }
    const signedIn = profile !== null && session() !== null;
    const error = signedIn ? deps.link.error() : null;
    return { status: signedIn ? deps.link.status() : 'disconnected', profile, lastSyncedAt, error: error ? error.toDto() : null };
  }

  async function announce(): Promise<ConnectionState> {
    const current = await state();
    deps.emit('connection:changed', current);
    return current;
  }

  // The link changed on its own (a call got no answer, a probe got one, a 401): tell the renderer.
  deps.link.subscribe((status) => {
    if (status === 'unauthorized') token = null;
    if (session()) void announce().catch((e) => deps.logger.warn('Could not announce the connection state', { error: e }));
  });

  async function getToken(profile: Profile): Promise<string> {
    token ??= await deps.tokens.read(profile);
    return token;
  }

  async function activate(profile: Profile): Promise<void> {
    token = null;
    const api = deps.createApi(profile.serverUrl, () => getToken(profile));
    deps.session.set({ profileId: profile.id, api: observeApi(api, deps.link) });
    try {
      await getToken(profile);
    } catch (caught) {
      deps.link.set('unauthorized', caught instanceof AppError ? caught : new AppError('KEYCHAIN', 'The system keychain could not be read.'));
      return;
    }
    await deps.sync.activate();
  }

  async function refreshMe(api: ApiClient, adminToken: string): Promise<MeResponse> {
    const me = await api.me(adminToken);
    if (me.kind !== 'person')
      throw new AppError('VALIDATION', 'This is an API key, not an admin token.', {
        issues: [{ path: 'adminToken', message: 'Paste an admin token (rkr_adm_…), not an API key.' }],
      });
    // People of any role may sign in: the Admin pages then show the product's no-access message, and
    // the server (not this check) is what refuses them the admin endpoints.
    return me;
  }

  return {
    async init() {
      const profile = await activeProfile();
      if (profile) await activate(profile);
    },
    state,
    session,
    requireSession() {
      const current = session();
      if (!current) throw new AppError('UNAUTHORIZED', 'Connect to a RakerOne server first.');
      return current;
    },
    async connect(serverUrl, adminToken, options = {}) {
      if (checkSecret(adminToken.trim()) !== 'adminToken') {
        throw new AppError('VALIDATION', 'That is not a RakerOne admin token.', {
          issues: [{ path: 'adminToken', message: 'Paste the whole admin token: it starts with rkr_adm_.' }],
        });
      }
      const cleanToken = adminToken.trim();
      const probeApi = deps.createApi(serverUrl, async () => cleanToken);
      const me = await refreshMe(probeApi, cleanToken);
      if (me.kind !== 'person') throw new AppError('INTERNAL', 'Unexpected identity.');
      const file = await deps.profiles.read();
      const existing = options.isLocal
        ? file.profiles.find((p) => p.id === LOCAL_PROFILE_ID)
        : file.profiles.find((p) => !p.isLocal && p.serverUrl === serverUrl && p.organization?.id === me.organization.id);
      // A new profile for this organization: if its profile was lost (an unreadable profiles.json), its
      // stored cache and queue are still on disk under the old id — take that id, so nothing is lost.
      const orphan =
        existing || options.isLocal
          ? null
          : await deps.states.findOrphan(
              me.organization.id,
              file.profiles.map((p) => p.id),
            );
      if (orphan) deps.logger.info('Resuming the stored cache and queue of a lost profile', { profileId: orphan });
      const id = existing?.id ?? (options.isLocal ? LOCAL_PROFILE_ID : (orphan ?? randomUUID()));
      const profile: Profile = { id, serverUrl, isLocal: options.isLocal ?? false, organization: me.organization, person: me.person };
      // The keychain first: if it refuses, nothing is saved and the admin sees the KEYCHAIN hint.
      await deps.tokens.save(profile, cleanToken);
      await deps.profiles.update((f) => ({ activeId: id, profiles: [...f.profiles.filter((p) => p.id !== id), profile] }));
      await deps.meStore.save(id, me);
      await activate(profile);
      deps.logger.info('Signed in', { profileId: id, serverUrl });
      return announce();
    },
    async disconnect() {
      const profile = await activeProfile();
      if (profile) await deps.tokens.remove(profile);
      token = null;
      deps.session.set(null);
      deps.link.stop();
      // The profile, its cache and its queue stay: signing in to the same server resumes the queue.
      await deps.profiles.update((f) => ({ ...f, activeId: null }));
      return announce();
    },
    async switchTo(profileId) {
      const file = await deps.profiles.read();
      const profile = findProfile(file, profileId);
      if (!profile) throw new AppError('NOT_FOUND', 'This server profile does not exist.');
      await deps.profiles.update((f) => ({ ...f, activeId: profileId }));
      await activate(profile);
      return announce();
    },
    activeProfile,
  };
}
