import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronNotifications } from '../../../../src/main/reminders/electron-notifications.js';
import { silentLogger } from '../../../../src/main/logger.js';

function standIn(supported: boolean) {
  const made: StandIn[] = [];
  class StandIn extends EventEmitter {
    shown = 0;
    constructor(readonly options: { title: string; body: string }) {
      super();
      made.push(this);
    }
    static isSupported = () => supported;
    show() {
      this.shown += 1;
    }
  }
  return { Notification: StandIn, made };
}

describe('the Electron notification adapter', () => {
  it('shows a Notification, keeps it referenced until clicked or closed, and runs the click', () => {
    const { Notification, made } = standIn(true);
    const port = createElectronNotifications({ Notification, logger: silentLogger });
    let clicked = 0;
    expect(port.show({ title: 'API key expires in 3 days', body: 'b', onClick: () => void (clicked += 1) })).toBe(true);
    expect(port.show({ title: 'second', body: 'b', onClick: () => undefined })).toBe(true);
    expect(made.map((n) => [n.options.title, n.shown])).toEqual([['API key expires in 3 days', 1], ['second', 1]]);
    expect(port.live()).toBe(2);
    made[0]!.emit('click', {});
    expect(clicked).toBe(1);
    made[1]!.emit('close', {});
    expect(port.live()).toBe(0);
  });

  it('where the system has no notifications: nothing is made, and it says so', () => {
    const { Notification, made } = standIn(false);
    const port = createElectronNotifications({ Notification, logger: silentLogger });
    expect(port.show({ title: 't', body: 'b', onClick: () => undefined })).toBe(false);
    expect(made).toEqual([]);
  });
});
