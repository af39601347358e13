/**
 * The test's hand on the stand-in: commands arrive over the child's IPC channel and act the way
 * Electron itself would (a renderer invoking a channel, the page asking for a URL, a window being
 * closed, the OS asking to end the session…). Each command answers `{ id, ok, value | error }`.
 */
import { app, BrowserWindow, recorded, StandInEvent } from './electron.js';

export type Command =
  | { op: 'state' }
  | { op: 'invoke'; channel: string; input: unknown; senderId?: number; frameUrl?: string; subFrame?: boolean }
  | { op: 'fetch'; url: string; method?: string }
  | { op: 'window-open'; url: string }
  | { op: 'emit'; target: 'window' | 'webContents' | 'app'; name: string; details?: Record<string, unknown>; args?: unknown[] }
  | { op: 'permission'; permission: string }
  | { op: 'headers' }
  | { op: 'close-window' }
  | { op: 'quit' }
  | { op: 'menu-click'; label: string }
  | { op: 'notification-click'; index: number }
  /** The next save dialog answers this path (as if the person chose it and clicked Save). */
  | { op: 'save-dialog-answer'; filePath: string };

const mainWindow = () => {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) throw new Error('No window');
  return window;
};

function snapshot() {
  return {
    ready: recorded.ready,
    isPackaged: app.isPackaged,
    userData: app.getPath('userData'),
    sandbox: recorded.sandbox,
    setPaths: recorded.setPaths,
    privilegedSchemes: recorded.privilegedSchemes,
    protocolSchemes: [...recorded.protocolHandlers.keys()],
    ipcChannels: [...recorded.ipcHandlers.keys()],
    permissionHandlers: { request: !!recorded.permissionRequest, check: !!recorded.permissionCheck, device: !!recorded.devicePermission },
    menuLabels: ((recorded.menu as { items?: { label?: string; role?: string }[] } | null)?.items ?? []).map((item) => item.label ?? item.role ?? ''),
    messageBoxes: recorded.messageBoxes,
    saveDialogs: recorded.saveDialogs,
    clipboard: { formats: Object.keys(recorded.clipboard.items), cleared: recorded.clipboard.cleared },
    notifications: recorded.notifications.map((n) => ({ title: n.title, body: n.body, shown: n.shown })),
    windows: BrowserWindow.getAllWindows().map((window) => ({
      options: window.options,
      shown: window.shown,
      focused: window.focused,
      webContentsId: window.webContents.id,
      loaded: window.webContents.loaded,
      reloads: window.webContents.reloads,
      sent: window.webContents.sent,
      hasWindowOpenHandler: !!window.webContents.windowOpenHandler,
    })),
  };
}

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'state':
      return snapshot();
    case 'invoke': {
      const handler = recorded.ipcHandlers.get(command.channel);
      if (!handler) throw new Error(`No handler for ${command.channel}`);
      const window = mainWindow();
      // An IpcMainInvokeEvent: the sending webContents and the frame that sent it.
      const sender =
        command.senderId === undefined || command.senderId === window.webContents.id
          ? window.webContents
          : { id: command.senderId, mainFrame: { url: command.frameUrl } };
      const frameUrl = command.frameUrl ?? window.webContents.getURL();
      const senderFrame = command.subFrame ? { url: frameUrl, parent: sender.mainFrame } : { url: frameUrl, parent: null };
      return handler({ type: 'frame', sender, senderFrame, frameId: 1, processId: 1, preventDefault() {} }, command.input);
    }
    case 'fetch': {
      const handler = recorded.protocolHandlers.get(new URL(command.url).protocol.slice(0, -1));
      if (!handler) throw new Error(`No protocol handler for ${command.url}`);
      const response = await handler(new Request(command.url, { method: command.method ?? 'GET' }));
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    }
    case 'window-open': {
      const handler = mainWindow().webContents.windowOpenHandler;
      if (!handler) throw new Error('No window open handler');
      return handler({ url: command.url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } });
    }
    case 'emit': {
      const event = new StandInEvent(command.details);
      const target = command.target === 'app' ? app : command.target === 'window' ? mainWindow() : mainWindow().webContents;
      target.emit(command.name, event, ...(command.args ?? []));
      // Let listeners that start async work (dialogs, clipboard) run before answering.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { defaultPrevented: event.defaultPrevented };
    }
    case 'permission': {
      const contents = mainWindow().webContents;
      const granted = await new Promise<boolean>((resolve) =>
        recorded.permissionRequest!(contents, command.permission, resolve, { requestingUrl: contents.getURL() }),
      );
      const checked = recorded.permissionCheck!(contents, command.permission, 'app://rakerone', {});
      const device = recorded.devicePermission!({ deviceType: 'usb', origin: 'app://rakerone', device: {} });
      return { granted, checked, device };
    }
    case 'headers':
      return new Promise((resolve) => recorded.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, resolve));
    case 'close-window': {
      const window = mainWindow();
      window.close();
      return { destroyed: window.isDestroyed() };
    }
    case 'quit':
      app.quit();
      return { stillRunning: true };
    case 'notification-click': {
      // What the OS does when the person clicks a notification on screen.
      const notification = recorded.notifications[command.index];
      if (!notification || notification.shown === 0) throw new Error(`No notification ${command.index} on screen`);
      notification.emit('click', new StandInEvent());
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { clicked: command.index };
    }
    case 'save-dialog-answer':
      recorded.saveDialogAnswers.push(command.filePath);
      return { queued: recorded.saveDialogAnswers.length };
    case 'menu-click': {
      const find = (items: { label?: string; click?: () => void; submenu?: unknown[] }[]): (() => void) | undefined => {
        for (const item of items) {
          if (item.label === command.label && item.click) return item.click;
          const inner = item.submenu && find(item.submenu as typeof items);
          if (inner) return inner;
        }
        return undefined;
      };
      const click = find(((recorded.menu as { items: [] } | null)?.items ?? []) as never);
      if (!click) throw new Error(`No menu item ${command.label}`);
      click();
      return { clicked: command.label };
    }
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
