/**
 * Main's side of the scan worker: each scan runs in a fresh worker thread (scan-worker.ts), so main's
 * event loop — every IPC call, the sync, the close guard — keeps answering while a 50 MB file is read
 * and scanned, and the scan's memory (the text's pieces, the keys) is freed with the thread. A worker
 * that dies or exits without answering is an INTERNAL error, never a hang.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import type { ScanJobResult, ScanRequest } from './scan-job.js';
import type { ScanWorkerReply } from './scan-worker.js';

/** Runs one scan and resolves to what it found (hashes, hints, positions), or rejects with an AppError. */
export type RunScan = (request: ScanRequest) => Promise<ScanJobResult>;

/** The built worker sits next to main's bundle (electron.vite.config.ts names it). */
export const BUILT_WORKER_FILE = 'identify-scan-worker.js';

export function createWorkerScan(): RunScan {
  return (request) =>
    new Promise<ScanJobResult>((resolve, reject) => {
      const worker = startWorker();
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        outcome();
      };
      worker.once('message', (reply: ScanWorkerReply) =>
        settle(() => (reply.ok ? resolve(reply.value) : reject(new AppError(reply.error.code, reply.error.message, reply.error.details)))),
      );
      // The error's message may quote the text (a parse error): it stays out of the answer.
      worker.once('error', () => settle(() => reject(new AppError('INTERNAL', 'The scan stopped unexpectedly.'))));
      worker.once('exit', () => settle(() => reject(new AppError('INTERNAL', 'The scan stopped unexpectedly.'))));
      worker.postMessage(request);
    });
}

function startWorker(): Worker {
  // Built (out/main/index.js, or the packaged app): the worker is its own bundle beside this one.
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${BUILT_WORKER_FILE}`, import.meta.url));
  // From source (Vitest, the Playwright web driver), main is TypeScript run by a dev loader: the worker
  // registers tsx, the dev toolchain's loader, before loading its TypeScript entry. The built app never
  // takes this path (and ships no tsx).
  const entry = new URL('./scan-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}
