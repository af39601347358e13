/**
 * One scan at a time, pasted text or a file, and its outcome. Kept in this page's own state, not in
 * TanStack Query: a mutation keeps its variables (here, the pasted text) in the mutation cache after
 * it ends, and nothing of the text may outlive the call. The outcome holds no secret (hints and
 * positions only), so it stays on screen while the person acts on it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { AppErrorDto } from '@shared/errors';
import type { IdentifyResult } from '@shared/ipc/identify';
import { toAppError } from '../../lib/ipc';
import { markSignInRequired } from '../../lib/query-client';

export type ScanOutcome = { status: 'none' } | { status: 'done'; result: IdentifyResult } | { status: 'failed'; error: AppErrorDto };

export function useScan() {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<ScanOutcome>({ status: 'none' });
  const [scanning, setScanning] = useState(false);
  /** Bumped by every scan: an older scan's late answer never replaces a newer one. */
  const latest = useRef(0);

  /**
   * Runs `start` (a keys:identify or keys:identify-file call). Resolves the result once it is shown;
   * null on failure, or when the file dialog was closed without a file (the last outcome then stays).
   */
  const run = useCallback(
    async (start: () => Promise<IdentifyResult | null>): Promise<IdentifyResult | null> => {
      const scan = ++latest.current;
      setScanning(true);
      try {
        const result = await start();
        if (scan !== latest.current || result === null) return null;
        setOutcome({ status: 'done', result });
        return result;
      } catch (raw) {
        if (scan !== latest.current) return null;
        const error = toAppError(raw);
        if (error.code === 'UNAUTHORIZED') markSignInRequired(client);
        setOutcome({ status: 'failed', error });
        return null;
      } finally {
        if (scan === latest.current) setScanning(false);
      }
    },
    [client],
  );

  return { outcome, scanning, run };
}
