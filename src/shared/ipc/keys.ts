/** The API keys page over IPC: a row (the server's key plus what is queued for it), the list, create, details. */
import { z } from 'zod';
import { AppErrorDtoSchema } from '../errors.js';
import { AllowedAddressesSchema } from '../http/containment.js';
import { ApiKeyDtoSchema, AuditEventDtoSchema, CapabilityListSchema, IsoDateSchema, KeyNameSchema } from '../http/index.js';
import { InstantSchema } from '../instant.js';
import { KeyFlagSchema, KeyUsageViewSchema } from './key-flags.js';

/** A queued admin action as the UI sees it (no secret ever: creates carry only the hash, in main). */
export const PendingActionSchema = z.object({
  outboxId: z.string(),
  /**
   * `schedule-retirement` / `cancel-retirement`: the key's planned end is set or cancelled once the server has it;
   * `suspend` / `resume` (single or bulk): the key is switched off or on again once the server has it;
   * `set-allowed-addresses`: the key's allowed addresses change once the server has them.
   */
  action: z.enum(['create', 'revoke', 'schedule-retirement', 'cancel-retirement', 'suspend', 'resume', 'set-allowed-addresses']),
  state: z.enum(['queued', 'syncing', 'failed']),
  /** Why a permanent failure happened (403, 404, 409…), kept until dismissed. */
  error: AppErrorDtoSchema.nullable(),
  queuedAt: InstantSchema,
  /**
   * The server may already have applied it: it was sent and no answer has proved otherwise (the
   * answer was lost, or was a server error). A create may then already work; a revoke may be done.
   */
  mayBeApplied: z.boolean(),
});
export type PendingAction = z.infer<typeof PendingActionSchema>;

/** A row of the keys table: the server's view, plus what is queued locally for it. */
export const KeyRowSchema = ApiKeyDtoSchema.extend({
  pending: PendingActionSchema.nullable(),
  /** For a key made by rotation: the id of the key it replaces. */
  rotatesKeyId: z.string().nullable(),
  /** "Needs attention" flags, computed in main as of the list's sync and the usage fetch (key-flags.ts). */
  flags: z.array(KeyFlagSchema).default([]),
  /** When the usage behind "Unused permissions" was fetched; null: no usage data for this key yet. */
  usageFetchedAt: InstantSchema.nullable().default(null),
  /**
   * The allowed addresses shown are a queued change the server does not have yet (it still enforces the
   * previous list). Its own flag: another queued action (a revoke, a suspend…) may own `pending`.
   */
  allowedAddressesPending: z.boolean().default(false),
});
export type KeyRow = z.infer<typeof KeyRowSchema>;

export const KeysViewSchema = z.object({
  keys: z.array(KeyRowSchema),
  /** When the list was last confirmed by the server; null if never. */
  syncedAt: InstantSchema.nullable(),
  /** When the activity summary behind "Refused requests" and "New address" was fetched; null: never (absent reads as null). */
  activityFetchedAt: InstantSchema.nullable().default(null),
  /** `cache` when the server could not be reached and this is the last known list. */
  source: z.enum(['server', 'cache']),
});
export type KeysView = z.infer<typeof KeysViewSchema>;

export const NewKeyInputSchema = z
  .object({
    name: KeyNameSchema,
    capabilities: CapabilityListSchema,
    canImpersonate: z.boolean(),
    /**
     * When the key stops working (null: never, if the key policy allows). Absent: null. Only its shape
     * is checked here: whether it is still ahead depends on "now", which main reads from its injected
     * clock when the create arrives (main/keys/key-end.ts), and the server again from its own.
     */
    expiresAt: IsoDateSchema.nullable().default(null),
    /** The addresses the key may be used from (1–50 CIDR blocks, canonicalized here); null or absent: from any address, if the key policy allows. */
    allowedAddresses: AllowedAddressesSchema.default(null),
  })
  .strict();
export type NewKeyInput = z.infer<typeof NewKeyInputSchema>;

export const CreatedKeySchema = z.object({
  key: KeyRowSchema,
  /** The full key, for the copy screen only. */
  secret: z.string(),
  /** True when the server was unreachable: the key starts working once the app reconnects. */
  queued: z.boolean(),
  /** When the clipboard will be cleared after a copy, in seconds. */
  clipboardClearSeconds: z.number().int().positive(),
});
export type CreatedKey = z.infer<typeof CreatedKeySchema>;

export const KeyIdInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();

export const KeyDetailsSchema = z.object({
  key: KeyRowSchema,
  auditEvents: z.array(AuditEventDtoSchema),
  /** False when offline: the events could not be fetched. */
  auditAvailable: z.boolean(),
  /** Each permission's last use, from main's cache (works offline); null: never fetched. */
  usage: KeyUsageViewSchema.nullable().default(null),
});
export type KeyDetails = z.infer<typeof KeyDetailsSchema>;
