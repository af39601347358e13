/**
 * The core's boot, in order: restore the last session, open the RAKERONE_URL profile if one is saved,
 * start and sign in to the local server when asked (npm start). No step's failure stops the next one:
 * each is logged, and the app opens on what it has. Reminders start once boot is done.
 */
import { ServerUrlSchema } from '../shared/ipc/server-url.js';
import type { ConnectionService } from './connection/connection-service.js';
import type { LocalService } from './connection/local-service.js';
import type { Logger } from './ports.js';
import type { ReminderService } from './reminders/reminder-service.js';
import type { ProfileStore } from './store/profile-store.js';

export interface CoreBootDeps {
  connection: Pick<ConnectionService, 'init' | 'switchTo'>;
  local: Pick<LocalService, 'startLocal'>;
  profiles: Pick<ProfileStore, 'read'>;
  reminders: Pick<ReminderService, 'start'> | null;
  logger: Logger;
  /** RAKERONE_URL: open the saved profile of this server. */
  preferredServerUrl?: string;
  /** Start and sign in to the embedded local server (npm start without RAKERONE_URL). */
  autoStartLocal?: boolean;
}

/** Starts the boot at once; the promise resolves when it is done (it never rejects). */
export function bootCore(deps: CoreBootDeps): Promise<void> {
  const { connection, logger } = deps;

  async function openPreferred(raw: string) {
    const url = ServerUrlSchema.safeParse(raw);
    if (!url.success) return logger.warn('RAKERONE_URL is not a usable server URL (https, or http to this computer)');
    const file = await deps.profiles.read();
    const match = file.profiles.find((p) => p.serverUrl === url.data && !p.isLocal);
    if (match && match.id !== file.activeId) await connection.switchTo(match.id);
  }

  const ready = (async () => {
    await connection.init().catch((error) => logger.warn('Could not restore the last session', { error }));
    if (deps.preferredServerUrl)
      await openPreferred(deps.preferredServerUrl).catch((error) => logger.warn('Could not open the RAKERONE_URL profile', { error }));
    if (deps.autoStartLocal) await deps.local.startLocal().catch((error) => logger.error('Could not start the local server', { error }));
  })();
  void ready.then(() => deps.reminders?.start());
  return ready;
}
