/**
 * A failure while main starts must not leave a windowless process holding the
 * single-instance lock, after which every later launch would quit silently: the admin gets a native
 * error box and the process exits non-zero (app.exit skips quit handlers and frees the lock).
 */
export interface StartupFailureDeps {
  showErrorBox: (title: string, content: string) => void;
  exit: (code: number) => void;
  logError: (message: string, fields: Record<string, unknown>) => void;
}

export const STARTUP_FAILURE_EXIT_CODE = 1;

export function reportStartupFailure(error: unknown, deps: StartupFailureDeps): void {
  const message = error instanceof Error ? error.message : String(error);
  try {
    deps.logError('RakerOne Admin could not start', { error: message });
    deps.showErrorBox('RakerOne Admin could not start', `${message}\n\nRakerOne Admin will close. Start it again; if this keeps happening, reinstall it.`);
  } finally {
    deps.exit(STARTUP_FAILURE_EXIT_CODE);
  }
}
