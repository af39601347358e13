/**
 * The main window's options: the renderer is untrusted (context isolation, sandbox, no Node), gets no
 * webview, no auxclick (middle-click must not open anything), no drag-and-drop navigation, and devtools
 * only in development.
 */
export interface MainWindowOptions {
  preloadPath: string;
  isDev: boolean;
}

export function mainWindowOptions({ preloadPath, isDev }: MainWindowOptions) {
  return {
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'RakerOne Admin',
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: isDev,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
    },
  } as const;
}
