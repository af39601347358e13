import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronNotifications } from '../../../../src/main/electron/electron-notifications.js';
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
    const port = createElectronNotifications({ Notification, logger: silentLogger, platform: 'linux' });
    let clicked = 0;
    expect(port.show({ title: 'API key expires in 3 days', body: 'b', onClick: () => void (clicked += 1) })).toBe(true);
    expect(port.show({ title: 'second', body: 'b', onClick: () => undefined })).toBe(true);
    expect(made.map((n) => [n.options.title, n.shown])).toEqual([
      ['API key expires in 3 days', 1],
      ['second', 1],
    ]);
    expect(port.live()).toBe(2);
    made[0]!.emit('click', {});
    expect(clicked).toBe(1);
    made[1]!.emit('close', {});
    expect(port.live()).toBe(0);
  });

  it('where the system has no notifications: nothing is made, and it says so', () => {
    const { Notification, made } = standIn(false);
    const port = createElectronNotifications({ Notification, logger: silentLogger, platform: 'linux' });
    expect(port.show({ title: 't', body: 'b', onClick: () => undefined })).toBe(false);
    expect(made).toEqual([]);
  });

  it('every notification it shows on Linux has its markup escaped (issue 18, 5); elsewhere the text is exact', () => {
    const name = '<a href="https://evil.example">Rotate now</a> <img src="x"/>';
    const asked = { title: `API key <i>${name}</i> expires`, body: `“${name}” stops working on 1 Dec.`, onClick: () => undefined };
    const linux = standIn(true);
    createElectronNotifications({ Notification: linux.Notification, logger: silentLogger, platform: 'linux' }).show(asked);
    const shown = linux.made[0]!.options;
    expect(shown.body).toBe('“&lt;a href=&quot;https://evil.example&quot;&gt;Rotate now&lt;/a&gt; &lt;img src=&quot;x&quot;/&gt;” stops working on 1 Dec.');
    expect(shown.title).not.toMatch(/[<>&]/);
    const mac = standIn(true);
    createElectronNotifications({ Notification: mac.Notification, logger: silentLogger, platform: 'darwin' }).show(asked);
    expect(mac.made[0]!.options).toEqual({ title: asked.title, body: asked.body });
  });
});
