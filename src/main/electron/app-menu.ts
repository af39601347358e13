/**
 * The application menu: the usual roles (edit, window, app on macOS), with reload items of our own so
 * that reloads pass the close guard, and the devtools toggle only in development.
 */
export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export function appMenuTemplate(options: { isMac: boolean; isDev: boolean; appName: string; reload: (ignoreCache: boolean) => void }): MenuItemTemplate[] {
  const { isMac, isDev } = options;
  const sep: MenuItemTemplate = { type: 'separator' };
  const appMenu: MenuItemTemplate[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [{ role: 'about' }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
        },
      ]
    : [];
  const view: MenuItemTemplate[] = [
    { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: () => options.reload(false) },
    { label: 'Force Reload', accelerator: 'Shift+CmdOrCtrl+R', click: () => options.reload(true) },
    ...(isDev ? [{ role: 'toggleDevTools' }] : []),
    sep,
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    sep,
    { role: 'togglefullscreen' },
  ];
  return [
    ...appMenu,
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: view },
    { label: 'Window', submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
  ];
}
