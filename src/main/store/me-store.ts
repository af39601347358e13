/**
 * The one writer of the profile state's `me` slice: who is signed in, saved on sign-in
 * (connection-service.ts) and on each `GET /api/me` (session-service.ts), read back offline.
 */
import type { MeResponse } from '../../shared/http/index.js';
import type { StateStore } from './state-store.js';

export interface MeStore {
  save(profileId: string, me: MeResponse): Promise<void>;
  read(profileId: string): Promise<MeResponse | null>;
}

export function createMeStore(states: StateStore): MeStore {
  return {
    async save(profileId, me) {
      await states.update(profileId, (s) => ({ ...s, me }));
    },
    read: async (profileId) => (await states.read(profileId)).me,
  };
}
