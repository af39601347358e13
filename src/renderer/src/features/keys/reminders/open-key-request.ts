/**
 * "Open this key" asked from outside the keys page — a reminder notification's click (main's
 * `key:open` event). The request waits here until the keys page (shown for it) listens, which then
 * opens the key's details; one pending request at a time, the latest wins.
 */
import { useEffect } from 'react';
import { subscribe as subscribeToMain } from '../../../lib/ipc';
import { goTo } from '../../../lib/route';

let pending: string | null = null;
const listeners = new Set<(keyId: string) => void>();

function request(keyId: string): void {
  pending = keyId;
  deliver();
}

function deliver(): void {
  const [listener] = listeners;
  if (pending === null || !listener) return;
  const keyId = pending;
  pending = null;
  listener(keyId);
}

/** The keys page listens while it is shown; a request made before it was shown is delivered at once. */
export function onOpenKeyRequest(listener: (keyId: string) => void): () => void {
  listeners.add(listener);
  deliver();
  return () => listeners.delete(listener);
}

/** Mounted once at the root: main's key:open shows the keys page and asks it to open the key. */
export function useKeyOpenEvents(): void {
  useEffect(
    () =>
      subscribeToMain('key:open', ({ keyId }) => {
        goTo('keys');
        if (keyId !== null) request(keyId);
      }),
    [],
  );
}
