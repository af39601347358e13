/**
 * The NotificationPort on Electron's Notification. Electron is passed in (index.ts), so this file is
 * tested with a stand-in. Each notification is kept referenced until it is clicked, closed or fails:
 * a Notification that is garbage-collected loses its click handler while still on screen. Every title
 * and body passes through notification-markup.ts here, the one way out to the OS, so no text that
 * reaches a notification (a key's name, whoever adds the next one) is ever rendered as markup.
 */
import type { Logger, NotificationPort } from '../ports.js';
import { notificationTextFor } from '../reminders/notification-markup.js';

export interface ElectronNotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: (...args: unknown[]) => void): unknown;
  show(): void;
}

export interface NotificationConstructorLike {
  new (options: { title: string; body: string }): ElectronNotificationLike;
  isSupported(): boolean;
}

export function createElectronNotifications(deps: {
  Notification: NotificationConstructorLike;
  logger: Logger;
  /** process.platform: what the notification system does with markup depends on it. */
  platform: NodeJS.Platform;
}): NotificationPort & { live(): number } {
  const live = new Set<ElectronNotificationLike>();
  let toldUnsupported = false;
  return {
    show({ title, body, onClick }) {
      if (!deps.Notification.isSupported()) {
        if (!toldUnsupported) deps.logger.warn('Desktop notifications are not supported here: key reminders show only in the app');
        toldUnsupported = true;
        return false;
      }
      const notification = new deps.Notification(notificationTextFor(deps.platform, { title, body }));
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        onClick();
      });
      notification.on('close', () => live.delete(notification));
      notification.on('failed', (_event, error) => {
        live.delete(notification);
        deps.logger.warn('A key reminder could not be shown', { error: String(error) });
      });
      notification.show();
      return true;
    },
    live: () => live.size,
  };
}
