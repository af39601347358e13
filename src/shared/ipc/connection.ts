/** Which server, as whom: a stored profile and the connection's state. */
import { z } from 'zod';
import { AppErrorDtoSchema } from '../errors.js';
import { OrganizationSchema, PersonSchema } from '../http/index.js';
import { InstantSchema } from '../instant.js';

export const ProfileSchema = z.object({
  id: z.string(),
  serverUrl: z.string(),
  /** True for the embedded local server that `npm start` runs. */
  isLocal: z.boolean(),
  organization: OrganizationSchema.nullable(),
  person: PersonSchema.nullable(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * - `disconnected`: no profile yet (first run: show the connect dialog).
 * - `online`: the server answered recently.
 * - `offline`: the server is unreachable; the app works from its cache and queues actions.
 * - `unauthorized`: the server rejected the stored admin token (revoked or deleted): sign in again.
 */
export const ConnectionStateSchema = z.object({
  status: z.enum(['disconnected', 'online', 'offline', 'unauthorized']),
  profile: ProfileSchema.nullable(),
  lastSyncedAt: InstantSchema.nullable(),
  error: AppErrorDtoSchema.nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;
