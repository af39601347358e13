/**
 * createAppCore — the whole main process without Electron.
 *
 * Everything main does (profiles, keychain, HTTP, offline store and sync, clipboard, close guard, the
 * local server) is composed here from ports, so the same behaviour runs in Electron (index.ts builds
 * the real adapters), in integration tests (real server, real keychain) and in the end-to-end web
 * driver (Playwright calls createAppCore in its own process and exposes `dispatch` to the page).
 *
 *   const core = createAppCore({
 *     userDataDir,                 // folder for profiles.json and state/<profile>.json
 *     secretStore,                 // createKeychainSecretStore() or createMemorySecretStore()
 *     clipboard,                   // ClipboardPort: writeConcealed / readText / clear (async)
 *     emit: (event, payload) => …, // deliver main → renderer events (connection:changed, keys:changed, sync:changed, close:blocked)
 *     runtime: 'web',              // or 'electron' (reported by app:info)
 *     rendererUrls: ['http://127.0.0.1:4173'], // where the trusted renderer is loaded from (origin, or the file:// index.html)
 *     // optional: clock, logger, files, localServer, openFile, saveFile (the save dialog: exports), requestReload, focusWindow, notifications, appVersion, platform,
 *     //           clipboardClearSeconds (60), autoStartLocal, http { adapter, timeoutMs, … }, random, backoff
 *   });
 *   const untrust = core.trustSender(pageId);      // our window / page: the only sender allowed
 *   await core.ready;                              // boot done (dispatch also waits for it)
 *   const result = await core.dispatch('keys:list', {}, { id: pageId, url: page.url(), isMainFrame: true });
 *   core.closeGuard.attempt('close');              // false while a key is on the copy screen
 *   await core.dispose();                          // stops timers and the local server, clears our clipboard
 *
 * `dispatch` is exactly what Electron's ipcMain.handle wrapper calls: sender check, input parsed with
 * the contract's zod schema, handler, output parsed; it resolves to a Result and never throws.
 */
import type { AxiosAdapter } from 'axios';
import { join } from 'node:path';
import { createActivityService } from './activity/activity-service.js';
import { createAuditCacheStore } from './audit/audit-cache.js';
import { createAuditService } from './audit/audit-service.js';
import type { BackoffPolicy } from './http/backoff.js';
import { createApiClient } from './http/api-client.js';
import { createIdentifyService } from './identify/identify-service.js';
import { createExportService } from './exports/export-service.js';
import { exportFlagsOf } from './exports/export-flags.js';
import { writeExportFile } from './exports/write-export.js';
import { createDispatcher, type Dispatch } from './ipc/dispatcher.js';
import { createHandlers } from './ipc/handlers.js';
import { createSenderPolicy } from './ipc/sender-policy.js';
import { silentLogger } from './logger.js';
import {
  systemClock,
  type ClipboardPort,
  type Clock,
  type Emit,
  type FileStore,
  type LocalServerPort,
  type Logger,
  type NotificationPort,
  type OpenFilePort,
  type SaveFilePort,
  type SecretStore,
} from './ports.js';
import { createReminderMemory } from './reminders/reminder-memory.js';
import { createReminderService } from './reminders/reminder-service.js';
import { createClipboardService, DEFAULT_CLIPBOARD_CLEAR_SECONDS } from './copy-screen/clipboard-service.js';
import { createCloseGuard, type CloseGuard } from './copy-screen/close-guard.js';
import { createConnectionService } from './connection/connection-service.js';
import { createCopyScreenService } from './copy-screen/copy-screen-service.js';
import { bootCore } from './core-boot.js';
import { announceKeysRefreshed, announceSyncChanges, createCoreEvents, remindOnChanges } from './core-events.js';
import { createKeysService } from './keys/keys-service.js';
import { createBulkRevokeService } from './keys/bulk-revoke-service.js';
import { createUsedFromService } from './keys/used-from-service.js';
import { createLocalService } from './connection/local-service.js';
import { createPolicyService } from './keys/policy-service.js';
import { createAllowedAddressesService } from './keys/allowed-addresses-service.js';
import { createRetirementService } from './keys/retirement-service.js';
import { createSuspensionService } from './keys/suspension-service.js';
import { createSessionService } from './connection/session-service.js';
import { createSyncService } from './connection/sync-service.js';
import { createMeStore } from './store/me-store.js';
import { createTokenVault } from './secrets/token-vault.js';
import { createAtomicFileStore } from './store/atomic-file-store.js';
import { createProfileStore } from './store/profile-store.js';
import { createStateStore } from './store/state-store.js';
import { createLink } from './sync/link.js';
import { createSessionRef } from './sync/session-ref.js';
import { createSyncCoordinator } from './sync/sync-coordinator.js';
import { createUsageRefresh } from './usage/usage-refresh.js';
import { createActivitySummaryRefresh } from './usage/activity-summary-refresh.js';

export interface AppCoreDeps {
  userDataDir: string;
  secretStore: SecretStore;
  clipboard: ClipboardPort;
  emit: Emit;
  runtime: 'electron' | 'web';
  /** Where the trusted renderer is loaded from: an http(s) origin, app://rakerone, or the exact file:// URL of index.html. */
  rendererUrls: readonly string[];
  clock?: Clock;
  logger?: Logger;
  files?: FileStore;
  localServer?: LocalServerPort;
  /** The native open-file dialog (keys:identify-file); without it that channel answers with an error. */
  openFile?: OpenFilePort;
  /** The native save dialog for exports (absent: exports fail with a clear error). */
  saveFile?: SaveFilePort;
  /** Reload the window (profile switch); the core asks the close guard first. */
  requestReload?: () => void;
  /** Bring the window to the front (when a close is refused, or a reminder is clicked). */
  focusWindow?: () => void;
  /** Desktop notifications for the reminders of keys that end soon; absent: no reminders are shown. */
  notifications?: NotificationPort;
  appVersion?: string;
  platform?: string;
  clipboardClearSeconds?: number;
  /** Start and sign in to the embedded local server during boot (npm start without RAKERONE_URL). */
  autoStartLocal?: boolean;
  /** RAKERONE_URL: open the saved profile of this server at boot, if there is one. */
  preferredServerUrl?: string;
  http?: {
    adapter?: AxiosAdapter;
    timeoutMs?: number;
    healthTimeoutMs?: number;
    attempts?: number;
    backoff?: BackoffPolicy;
    sleep?: (ms: number) => Promise<void>;
  };
  syncBackoff?: BackoffPolicy;
  probeBackoff?: BackoffPolicy;
  random?: () => number;
}

export interface AppCore {
  /** Resolves when boot is done (profiles read, keychain asked, server probed, local server started). */
  ready: Promise<void>;
  dispatch: Dispatch;
  /** Trusts one sender id (our window's webContents id, or the web driver's page id). */
  trustSender(id: number | string): () => void;
  closeGuard: CloseGuard;
  /**
   * The page showing the copy screen is gone (render-process-gone, a reload or navigation that bypassed
   * the menu, or "close anyway"): drops the held secrets and releases the close guard, logging which
   * keys were lost (ids only). The Electron adapters (electron/guard-adapter.ts) call it.
   */
  abandonCopyScreen(reason: string): void;
  /** Clears the clipboard if it still holds a copied key (Electron calls it on quit). */
  clearClipboardIfOurs(): Promise<boolean>;
  dispose(): Promise<void>;
}

export function createAppCore(deps: AppCoreDeps): AppCore {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const files = deps.files ?? createAtomicFileStore();
  const now = () => clock.now();
  // Every event main sends, and what follows from it inside main (core-events.ts).
  const events = createCoreEvents({ deliver: deps.emit, logger });
  const emit: Emit = events.emit;

  const dataDir = deps.userDataDir;
  const profiles = createProfileStore({ dir: dataDir, files, logger, now });
  const states = createStateStore({ dir: dataDir, files, logger, now });
  const guard = createCloseGuard({ emit, focusWindow: deps.focusWindow });
  const clipboard = createClipboardService({ clipboard: deps.clipboard, clock, logger, clearAfterSeconds: deps.clipboardClearSeconds });
  const copyScreen = createCopyScreenService({ guard, clipboard, clock });

  // Built in dependency order, no forward references: the session holder and the link first (the
  // link probes the session's server), then the coordinator (drains, follows the link), then the
  // connection (signs in, writes the session, asks the coordinator to activate), then the services.
  const tokens = createTokenVault(deps.secretStore);
  const sessionRef = createSessionRef();
  // Reminders read the active profile's cached list: every keys:changed and connection:changed pokes
  // them (remindOnChanges), whoever changed the list. A click brings the window forward and opens the key (key:open).
  const reminders = deps.notifications
    ? createReminderService({
        states,
        activeProfileId: () => sessionRef.get()?.profileId ?? null,
        memory: createReminderMemory({ dir: dataDir, files, logger, now }),
        notifications: deps.notifications,
        open: (keyId) => {
          deps.focusWindow?.();
          emit('key:open', { keyId });
        },
        clock,
        logger,
      })
    : null;
  if (reminders) remindOnChanges(events, reminders);
  const link = createLink({
    clock,
    logger,
    backoff: deps.probeBackoff,
    random: deps.random,
    probe: async () => {
      await sessionRef.get()?.api.health();
      return sessionRef.get() !== null;
    },
  });
  // Usage follows list syncs and is cached with the list: a change makes the flags news (keys:changed).
  const usage = createUsageRefresh({ store: states, session: sessionRef, clock, logger, onChanged: announceKeysRefreshed(emit) });
  // So does the activity summary (one call for the fleet), behind "Refused requests" and "New address".
  const activitySummary = createActivitySummaryRefresh({ store: states, session: sessionRef, clock, logger, onChanged: announceKeysRefreshed(emit) });
  const sync = createSyncCoordinator({
    afterListRefresh: () => {
      void usage.request();
      void activitySummary.request();
    },
    store: states,
    clock,
    logger,
    session: sessionRef,
    link,
    // Reads the coordinator's state only when a change is announced, after it is built.
    onChanged: announceSyncChanges({ emit, logger, state: () => sync.state() }),
    backoff: deps.syncBackoff,
    random: deps.random,
  });
  const meStore = createMeStore(states);
  const connection = createConnectionService({
    profiles,
    states,
    meStore,
    tokens,
    logger,
    emit,
    createApi: (serverUrl, getToken) => createApiClient({ serverUrl, getToken, ...deps.http, random: deps.random }),
    session: sessionRef,
    link,
    sync,
  });
  const syncService = createSyncService({ sync, connection, states, onDismissed: announceKeysRefreshed(emit) });
  const keys = createKeysService({
    states,
    connection,
    sync,
    clock,
    emit,
    holdSecret: (keyId, secret) => copyScreen.hold(keyId, secret),
    clipboardClearSeconds: deps.clipboardClearSeconds ?? DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  });
  const activity = createActivityService({ connection, sync, states, clock });
  const bulkRevoke = createBulkRevokeService({ states, connection, sync, clock, emit });
  const usedFrom = createUsedFromService({ connection, sync, clock });
  const local = createLocalService({ localServer: deps.localServer, connection, profiles, tokens });
  const session = createSessionService({ connection, sync, meStore });
  const policy = createPolicyService({ connection, sync, states, clock });
  const allowedAddresses = createAllowedAddressesService({ states, connection, sync, clock, emit });
  const retirement = createRetirementService({ states, connection, sync, clock, emit });
  const suspension = createSuspensionService({ states, connection, sync, clock, emit });
  const identify = createIdentifyService({ connection, sync, openFile: deps.openFile });
  const audit = createAuditService({ connection, sync, clock, cache: createAuditCacheStore({ dir: dataDir, files, logger, now }) });
  const exports = createExportService({
    keys,
    audit,
    sync,
    connection,
    saveFile: deps.saveFile,
    write: writeExportFile,
    clock,
    logger,
    flagsOf: exportFlagsOf,
  });

  // Boot starts here (core-boot.ts): restore the session, RAKERONE_URL, the local server; then reminders.
  const ready = bootCore({ connection, local, profiles, reminders, logger, preferredServerUrl: deps.preferredServerUrl, autoStartLocal: deps.autoStartLocal });

  const senders = createSenderPolicy({ allowedUrls: deps.rendererUrls });
  const handlers = createHandlers({
    appInfo: { version: deps.appVersion ?? '0.0.0', platform: deps.platform ?? process.platform, runtime: deps.runtime },
    connection,
    local,
    profiles,
    session,
    keys,
    activity,
    bulkRevoke,
    usedFrom,
    policy,
    allowedAddresses,
    retirement,
    suspension,
    copyScreen,
    clipboard,
    guard,
    sync: syncService,
    identify,
    audit,
    exports,
    // Every reload main asks for passes the close guard, in Electron and on the web alike.
    requestReload: deps.requestReload && (() => (guard.attempt('reload') ? deps.requestReload?.() : undefined)),
  });
  const dispatch = createDispatcher({ handlers, isTrusted: (sender) => senders.isTrusted(sender), logger, ready });

  let disposed = false;
  return {
    ready,
    dispatch,
    trustSender: (id) => senders.trust(id),
    closeGuard: guard,
    abandonCopyScreen(reason) {
      const keyIds = copyScreen.abandonAll();
      if (keyIds.length > 0) logger.warn('The copy screen went away before Done: the new key cannot be shown or copied again', { reason, keyIds });
    },
    clearClipboardIfOurs: () => clipboard.clearIfOurs(),
    async dispose() {
      if (disposed) return;
      disposed = true;
      sync.dispose();
      usage.stop();
      activitySummary.stop();
      reminders?.dispose();
      copyScreen.clear();
      await clipboard.dispose();
      await deps.localServer?.stop().catch((error) => logger.warn('Could not stop the local server', { error }));
    },
  };
}

/** Where a profile-less core keeps its files inside userData (kept apart from Chromium's own folders). */
export function coreDataDir(userData: string): string {
  return join(userData, 'rakerone');
}
