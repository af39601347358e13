/**
 * "Needs attention" flags on a key row, computed in main (src/main/keys/key-flags.ts) from the cached list,
 * the cached usage and the cached activity summary, so they work offline. Revoked keys and keys not yet on
 * the server carry none.
 */
import { z } from 'zod';
import { InstantSchema } from '../instant.js';
import { CapabilitySlugSchema } from '../http/api-keys.js';

export const FLAG_KINDS = ['expired', 'refused-requests', 'new-address', 'expires-soon', 'never-used', 'unused-90-days', 'unused-permissions'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const KeyFlagSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('expired') }),
  /** Expires within EXPIRES_SOON_DAYS; `days` rounded up (a key ending in 3 hours expires "in 1 day"). */
  z.object({ kind: z.literal('expires-soon'), days: z.number().int().positive() }),
  /** Requests that presented the key and were refused, `count` of them, within ACTIVITY_FLAG_DAYS (as of the summary's fetch). */
  z.object({ kind: z.literal('refused-requests'), count: z.number().int().positive() }),
  /** `count` addresses first seen within ACTIVITY_FLAG_DAYS on a key older than NEW_ADDRESS_KEY_AGE_DAYS. */
  z.object({ kind: z.literal('new-address'), count: z.number().int().positive() }),
  z.object({ kind: z.literal('never-used') }),
  z.object({ kind: z.literal('unused-90-days') }),
  /** Held for 30 days and never exercised: these capabilities, and impersonation if `impersonation`. */
  z.object({ kind: z.literal('unused-permissions'), capabilities: z.array(CapabilitySlugSchema), impersonation: z.boolean() }),
]);
export type KeyFlag = z.infer<typeof KeyFlagSchema>;

export const EXPIRES_SOON_DAYS = 14;
export const NEVER_USED_AFTER_DAYS = 7;
export const UNUSED_DAYS = 90;
export const PERMISSION_HELD_DAYS = 30;
/** The window of the activity summary behind "Refused requests" and "New address" (GET …/activity-summary?days=7). */
export const ACTIVITY_FLAG_DAYS = 7;
/** A key younger than this gets no "New address": its first addresses are its deployment, not news. */
export const NEW_ADDRESS_KEY_AGE_DAYS = 14;

/** What one key has used, as main last fetched it (GET /admin/api-keys/{id}/usage). */
export const KeyUsageViewSchema = z.object({
  capabilities: z.array(z.object({ capability: CapabilitySlugSchema, lastUsedAt: InstantSchema.nullable() })),
  impersonation: z.object({ lastUsedAt: InstantSchema.nullable() }),
  fetchedAt: InstantSchema,
  /** False when the key has been used since this was fetched (the next list sync fetches it again). */
  current: z.boolean(),
});
export type KeyUsageView = z.infer<typeof KeyUsageViewSchema>;
