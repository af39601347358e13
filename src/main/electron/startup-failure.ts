/**
 * A failure while main starts must not leave a windowless process holding the single-instance lock,
 * after which every later launch would quit silently: the admin gets a native error box and the
 * process exits non-zero (app.exit skips quit handlers and frees the lock). app.exit also skips the
 * quit-time clean-up, so whatever the core had already started (the embedded local server, holding
 * its port and SQLite file) is disposed first — for a bounded time, so a hung clean-up cannot keep
 * the broken process alive.
 */
export interface StartupFailureDeps {
  showErrorBox: (title: string, content: string) => void;
  /** Stops what was started before the failure (the core, if it was created). */
  dispose: () => Promise<void>;
  exit: (code: number) => void;
  logError: (message: string, fields: Record<string, unknown>) => void;
  /** How long dispose may take before the process exits anyway. */
  disposeTimeoutMs?: number;
}

export const STARTUP_FAILURE_EXIT_CODE = 1;
const DISPOSE_TIMEOUT_MS = 5_000;

export async function reportStartupFailure(error: unknown, deps: StartupFailureDeps): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    deps.logError('RakerOne Admin could not start', { error: message });
    deps.showErrorBox('RakerOne Admin could not start', `${message}\n\nRakerOne Admin will close. Start it again; if this keeps happening, reinstall it.`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, deps.disposeTimeoutMs ?? DISPOSE_TIMEOUT_MS)));
    await Promise.race([deps.dispose().catch((cause: unknown) => deps.logError('clean-up after a failed start failed', { error: String(cause) })), timeout]);
    clearTimeout(timer);
  } finally {
    deps.exit(STARTUP_FAILURE_EXIT_CODE);
  }
}
