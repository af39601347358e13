/**
 * "Needs attention" flags on a key row, computed in main (src/main/keys/key-flags.ts) from the cached list and
 * the cached usage, so they work offline. Revoked keys and keys not yet on the server carry none.
 */
import { z } from 'zod';
import { InstantSchema } from '../instant.js';
import { CapabilitySlugSchema } from '../http/api-keys.js';

export const FLAG_KINDS = ['expired', 'expires-soon', 'never-used', 'unused-90-days', 'unused-permissions'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const KeyFlagSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('expired') }),
  /** Expires within EXPIRES_SOON_DAYS; `days` rounded up (a key ending in 3 hours expires "in 1 day"). */
  z.object({ kind: z.literal('expires-soon'), days: z.number().int().positive() }),
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

/** What one key has used, as main last fetched it (GET /admin/api-keys/{id}/usage). */
export const KeyUsageViewSchema = z.object({
  capabilities: z.array(z.object({ capability: CapabilitySlugSchema, lastUsedAt: InstantSchema.nullable() })),
  impersonation: z.object({ lastUsedAt: InstantSchema.nullable() }),
  fetchedAt: InstantSchema,
  /** False when the key has been used since this was fetched (the next list sync fetches it again). */
  current: z.boolean(),
});
export type KeyUsageView = z.infer<typeof KeyUsageViewSchema>;
