/** A NotificationPort that records what it was asked to show; `click(i)` clicks the i-th, as a person would. */
import type { NotificationPort } from '../../src/main/ports.js';

export interface RecordedNotification {
  title: string;
  body: string;
}

export function createRecordingNotifications(options: { supported?: boolean } = {}): NotificationPort & {
  shown: RecordedNotification[];
  click(index: number): void;
} {
  const clicks: (() => void)[] = [];
  const shown: RecordedNotification[] = [];
  return {
    shown,
    show({ title, body, onClick }) {
      if (options.supported === false) return false;
      shown.push({ title, body });
      clicks.push(onClick);
      return true;
    },
    click(index) {
      const onClick = clicks[index];
      if (!onClick) throw new Error(`No notification ${index} (${shown.length} shown)`);
      onClick();
    },
  };
}
