/**
 * What every outbox entry has, whatever its kind: its id, when it was queued, whether it is still
 * queued or failed for good, and how often it may have reached the server.
 */
import { z } from 'zod';
import { AppErrorDtoSchema } from '../../shared/errors.js';
import { InstantSchema } from '../../shared/instant.js';

export const EntryBase = z.object({
  /** Stable id of the entry, shown to the UI as `outboxId`. */
  id: z.string(),
  queuedAt: InstantSchema,
  /** `failed` = the server refused it for good (403, 404, 409…, or 5xx MAX_SERVER_ERRORS times): kept until dismissed. */
  state: z.enum(['queued', 'failed']),
  error: AppErrorDtoSchema.nullable(),
  /**
   * Sends that may have reached the server: incremented in its own atomic write before each send,
   * decremented again when the failure proves the server did not apply it (no connection, 401, 429).
   * A create with attempts > 0 may exist on the server, so a revoke never cancels it locally.
   */
  attempts: z.number().int().nonnegative(),
  /** Sends answered by a server error (5xx / INTERNAL). At MAX_SERVER_ERRORS the entry is failed. Absent = 0. */
  serverErrors: z.number().int().nonnegative().optional(),
});
export type EntryBase = z.infer<typeof EntryBase>;

/** After this many drains answered with a server error, an entry is kept as failed so the queue moves on. */
export const MAX_SERVER_ERRORS = 5;
