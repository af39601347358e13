/**
 * "Suspend these keys" / "Resume this key" asked from anywhere on a page — a row's button, the drawer,
 * the selection bar, Identify leaked keys — and drawn by the one ContainmentDialogs the page mounts.
 * Rows are virtual and memoised: a dialog owned by a row would close when the row scrolls away, so the
 * request waits here instead. One request at a time, the latest wins.
 */
import { useSyncExternalStore } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import type { SuspendTarget } from './suspend-dialog';

export type ContainmentRequest = { kind: 'suspend'; targets: SuspendTarget[]; onDone?: () => void } | { kind: 'resume'; target: KeyRow };

let current: ContainmentRequest | null = null;
const listeners = new Set<() => void>();

function set(request: ContainmentRequest | null): void {
  current = request;
  listeners.forEach((listener) => listener());
}

export const requestSuspend = (targets: SuspendTarget[], onDone?: () => void) => set({ kind: 'suspend', targets, onDone });
export const requestResume = (target: KeyRow) => set({ kind: 'resume', target });
export const closeContainmentRequest = () => set(null);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useContainmentRequest(): ContainmentRequest | null {
  return useSyncExternalStore(subscribe, () => current);
}
