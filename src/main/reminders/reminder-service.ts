/**
 * Desktop reminders of keys that end soon, while the app runs: after each change of the key list
 * (`poke`, which app-core calls on keys:changed and connection:changed) and on a timer, so a new day
 * brings its reminders without any change. The decision is reminder-decision.ts; this only reads the
 * active profile's cached list, asks it, shows what it says through the NotificationPort and
 * remembers it (reminder-memory.ts). Nothing is sent anywhere: it reads the local cache only.
 *
 * Checks run one at a time (a poke during a check makes it run once more), so two checks never
 * notify the same key twice.
 */
import type { Clock, Logger, NotificationPort } from '../ports.js';
import { keysViewOf } from '../keys/key-view.js';
import type { StateStore } from '../store/state-store.js';
import { createSingleFlight } from '../sync/single-flight.js';
import { decideReminders, noticesFor } from './reminder-decision.js';
import type { ReminderMemory } from './reminder-memory.js';

/** How often the reminders look again with nothing changed: a new day, a time coming within 7 days. */
export const REMINDER_CHECK_MS = 30 * 60 * 1000;

export interface ReminderService {
  /** Looks now (after the current check, if one runs); resolves when that look is done. */
  poke(): Promise<void>;
  /** Starts the periodic checks (the first one at once). */
  start(): void;
  dispose(): void;
}

export function createReminderService(deps: {
  states: Pick<StateStore, 'read'>;
  /** The signed-in profile, or null (nothing to remind about). */
  activeProfileId: () => string | null;
  memory: ReminderMemory;
  notifications: NotificationPort;
  /** A notification was clicked: bring the window forward and open this key (null: the keys page). */
  open: (keyId: string | null) => void;
  clock: Clock;
  logger: Logger;
  formatDate?: (iso: string) => string;
}): ReminderService {
  const formatDate =
    deps.formatDate ?? ((iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
  let timer: unknown = null;
  let stopped = false;

  async function check() {
    const profileId = deps.activeProfileId();
    if (!profileId) return;
    const state = await deps.states.read(profileId);
    const now = deps.clock.now();
    const notified = await deps.memory.notified(profileId);
    const decision = decideReminders({ keys: keysViewOf(state, 'cache', new Set(), now).keys, now, notified });
    for (const notice of noticesFor(decision.due, now, formatDate)) {
      const shown = deps.notifications.show({ title: notice.title, body: notice.body, onClick: () => deps.open(notice.keyId) });
      // Not shown (no notification support): nothing to remember; the banner still lists the key.
      if (!shown) return;
    }
    const changed = JSON.stringify(decision.notified) !== JSON.stringify(notified);
    if (changed) await deps.memory.remember(profileId, decision.notified);
  }

  const flight = createSingleFlight({
    run: () => check().catch((error) => deps.logger.warn('Could not check for key reminders', { error })),
    after: () => undefined,
  });

  function schedule() {
    if (stopped) return;
    timer = deps.clock.setTimeout(() => {
      void flight.request().finally(schedule);
    }, REMINDER_CHECK_MS);
  }

  return {
    poke: () => (stopped ? Promise.resolve() : flight.request()),
    start() {
      if (stopped || timer !== null) return;
      void flight.request();
      schedule();
    },
    dispose() {
      stopped = true;
      flight.stop();
      if (timer !== null) deps.clock.clearTimeout(timer);
    },
  };
}
