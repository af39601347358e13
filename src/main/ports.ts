/**
 * The ports of the main process: everything the services need from the outside world, as plain
 * interfaces. Electron supplies real adapters in index.ts; unit tests pass fakes; the end-to-end web
 * driver passes the real keychain and a clipboard stand-in. No file here imports Electron.
 */
import type { Clock as SharedClock } from '../shared/clock.js';
import type { EventChannel, EventPayload } from '../shared/ipc/contract.js';

/** Time, injected so that backoff, probes and clipboard clearing are testable with a fake clock (the shared shape). */
export type Clock = SharedClock;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending probe or clipboard timer must never keep a test process (or a quitting app) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Where admin tokens live: the OS keychain in the app, a Map in unit tests. Throws AppError('KEYCHAIN'). */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True if something was deleted. */
  delete(account: string): Promise<boolean>;
}

/**
 * The system clipboard. `writeConcealed` writes the text together with the markers that keep it out
 * of clipboard history and cloud clipboard; all calls are async because Electron's are.
 */
export interface ClipboardPort {
  writeConcealed(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
  /**
   * The selection clipboard (Linux's PRIMARY: whatever text is selected, pasted with a middle click),
   * which no concealment format or timed clear of the clipboard reaches; null where there is none.
   */
  readSelection(): Promise<string | null>;
  clearSelection(): Promise<void>;
}

/** Starts (or re-attaches to) the embedded local API server in a child Node process. */
export interface LocalServerPort {
  /**
   * Ensures the server runs and returns its URL. `createAdmin` asks the server's CLI for a new admin
   * token (first run, or when the keychain lost it); the token comes from the child's stdout pipe.
   */
  start(options: { createAdmin: boolean }): Promise<{ url: string; adminToken: string | null }>;
  stop(): Promise<void>;
}

/** Sends a main-process event to the renderer (webContents.send in Electron, a page binding on the web). */
export type Emit = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** Who sent an IPC message: the webContents id, the sending frame's URL, and whether it is the main frame. */
export interface SenderInfo {
  id: number | string;
  url: string;
  isMainFrame: boolean;
}

/** Reads and atomically replaces small files: the only way services touch the disk. */
export interface FileStore {
  read(path: string): Promise<string | null>;
  /** Replaces the whole file atomically: a crash leaves the old content or the new one. */
  write(path: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Names of the files directly in `dir` (none if it does not exist). */
  list(dir: string): Promise<string[]>;
}

/**
 * The native open-file dialog (Electron's dialog.showOpenDialog in electron/open-file-dialog.ts; a
 * recording fake in tests and the web driver). Resolves the chosen file's path, or null if cancelled.
 * Main reads the file itself: the renderer never touches the disk.
 */
export interface OpenFilePort {
  chooseFile(options: { title: string; buttonLabel: string }): Promise<string | null>;
}

/**
 * Desktop notifications (Electron's Notification in the app; a recording fake in tests and the web
 * driver). `show` answers false when the system cannot show one (nothing was shown).
 */
export interface NotificationPort {
  show(notification: { title: string; body: string; onClick: () => void }): boolean;
}

/** What main asks the save dialog: a title, a suggested file name, and the file type offered. */
export interface SaveFileRequest {
  title: string;
  /** A file name only (no folder): the dialog opens in the person's usual folder for downloads. */
  defaultName: string;
  filter: { name: string; extensions: string[] };
}

/**
 * The native save dialog (Electron's dialog.showSaveDialog in the app; a recording stand-in in tests
 * and the web driver). It only asks where: main writes the file itself, so the renderer never touches
 * the disk and every export is written the same (atomic) way.
 */
export interface SaveFilePort {
  /** The absolute path the person chose, or null when they cancelled. */
  chooseSavePath(request: SaveFileRequest): Promise<string | null>;
}
