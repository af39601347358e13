/**
 * The active session (profile + API client), written only by the connection service when it signs
 * in, switches profile or signs out, and read by the sync layer. A plain holder, so the sync layer can
 * be built before the connection service without either referring to an object declared later.
 */
import type { ApiClient } from '../http/api-client.js';

export interface SyncSession {
  profileId: string;
  /** Every call reports its outcome to the link (see observed-api.ts). */
  api: ApiClient;
}

export interface SessionRef {
  get(): SyncSession | null;
  set(session: SyncSession | null): void;
}

export function createSessionRef(): SessionRef {
  let current: SyncSession | null = null;
  return {
    get: () => current,
    set: (session) => {
      current = session;
    },
  };
}
