/** The organization's key policy as last read from the server, and when. Written only by keys/policy-service.ts. */
import { z } from 'zod';
import { KeyPolicySchema, type KeyPolicy } from '../../../shared/http/index.js';
import { InstantSchema } from '../../../shared/instant.js';
import type { ProfileState } from '../profile-state.js';

export const KeyPolicySlice = {
  /** The organization's key policy as last read from the server, and when (absent: never read). */
  keyPolicy: z.object({ policy: KeyPolicySchema, fetchedAt: InstantSchema }).nullable().default(null),
};

export function withKeyPolicy(state: ProfileState, policy: KeyPolicy, fetchedAt: string): ProfileState {
  return { ...state, keyPolicy: { policy, fetchedAt } };
}
