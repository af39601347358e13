/**
 * The scan worker's entry (node:worker_threads): one scan per worker, so a 50 MB file is read and
 * scanned off main's event loop, and its secrets live and die in this thread. electron-vite builds it
 * as its own entry (out/main/identify-scan-worker.js, electron.vite.config.ts); scan-in-worker.ts
 * starts it. Errors go back as the shared error shape: an AppError keeps its code and message, any
 * other becomes a generic INTERNAL (its detail never names the text).
 */
import { parentPort } from 'node:worker_threads';
import { AppError, type AppErrorDto } from '../../shared/errors.js';
import { runScanJob, type ScanRequest } from './scan-job.js';

export type ScanWorkerReply = { ok: true; value: Awaited<ReturnType<typeof runScanJob>> } | { ok: false; error: AppErrorDto };

parentPort?.once('message', (request: ScanRequest) => {
  runScanJob(request).then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies ScanWorkerReply),
    (error: unknown) => {
      const reply: ScanWorkerReply =
        error instanceof AppError ? { ok: false, error: error.toDto() } : { ok: false, error: { code: 'INTERNAL', message: 'The scan stopped unexpectedly.' } };
      parentPort!.postMessage(reply);
    },
  );
});
