/**
 * The IPC contract between the renderer and the main process: every channel's input and output
 * schema, and every event's payload schema. Types derive from here; main parses every input with
 * these schemas and the renderer's only bridge reader (renderer/src/lib/ipc.ts) is typed by them.
 *
 * The admin token appears in exactly one input (connection:connect, typed by the person) and in no
 * output. A new key's secret appears in one output (keys:create / keys:rotate) for the copy screen;
 * main keeps it in memory until copy-screen:done and never writes it anywhere.
 */
import { z } from 'zod';
import { InstantSchema } from '../instant.js';
import { AppErrorDtoSchema } from '../errors.js';
import { keyEndIssue } from '../key-expiry.js';
import {
  ApiKeyDtoSchema,
  AuditEventDtoSchema,
  CapabilityDtoSchema,
  CapabilityListSchema,
  GRACE_SECONDS_MAX,
  IsoDateSchema,
  KeyNameSchema,
  KeyPolicySchema,
  MeResponseSchema,
  OrganizationSchema,
  PersonSchema,
} from '../http/index.js';
import { AuditListInputSchema, AuditPageSchema } from './audit.js';
import type { EVENT_CHANNELS, EventChannel, INVOKE_CHANNELS, InvokeChannel } from './channels.js';
import { KeyFlagSchema, KeyUsageViewSchema } from './key-flags.js';
import { BulkRevokeInputSchema, BulkRevokeResultSchema } from './bulk-revoke.js';
import { IdentifyFileResultSchema, IdentifyResultSchema, IdentifyTextInputSchema } from './identify.js';
import { ExportAuditInputSchema, ExportKeysInputSchema, ExportResultSchema } from './export.js';
import { ServerUrlSchema } from './server-url.js';

const Empty = z.object({}).strict();
const Void = z.null();

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

/** A queued admin action as the UI sees it (no secret ever: creates carry only the hash, in main). */
export const PendingActionSchema = z.object({
  outboxId: z.string(),
  /** `schedule-retirement` / `cancel-retirement`: the key's planned end is set or cancelled once the server has it. */
  action: z.enum(['create', 'revoke', 'schedule-retirement', 'cancel-retirement']),
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
});
export type KeyRow = z.infer<typeof KeyRowSchema>;

export const KeysViewSchema = z.object({
  keys: z.array(KeyRowSchema),
  /** When the list was last confirmed by the server; null if never. */
  syncedAt: InstantSchema.nullable(),
  /** `cache` when the server could not be reached and this is the last known list. */
  source: z.enum(['server', 'cache']),
});
export type KeysView = z.infer<typeof KeysViewSchema>;

/**
 * An instant that is a possible end for a key when parsed: ahead, at most 3,650 days (the server checks
 * again with its clock when it receives it). `what` names the field in the message.
 */
function keyEndSchema(what: string) {
  return IsoDateSchema.superRefine((value, ctx) => {
    const issue = keyEndIssue(value, Date.now(), what);
    if (issue !== null) ctx.addIssue({ code: 'custom', message: issue });
  });
}
const FutureInstantSchema = keyEndSchema('The expiry date');

export const NewKeyInputSchema = z
  .object({
    name: KeyNameSchema,
    capabilities: CapabilityListSchema,
    canImpersonate: z.boolean(),
    /** When the key stops working (null: never, if the key policy allows). Absent: null. */
    expiresAt: FutureInstantSchema.nullable().default(null),
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

/**
 * The organization's key policy for new keys, as main last read it from the server. `policy` is null
 * when it was never read (e.g. offline since sign-in): nothing is known, the server decides on sync.
 */
export const PolicyViewSchema = z.object({
  policy: KeyPolicySchema.nullable(),
  /** When the server last confirmed it; null if never. */
  fetchedAt: InstantSchema.nullable(),
  /** `cache` when the server could not be asked just now (the last known policy, or none). */
  source: z.enum(['server', 'cache']),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;

export const KeyIdInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();

/**
 * How a key retires, checked as the server checks `POST …/scheduled-revocation`: at a time still
 * ahead, or a grace of 0–30 days after another key's (its replacement's) first use.
 */
export const RetirementPlanInputSchema = z.union([
  z.object({ at: keyEndSchema('The retirement time') }).strict(),
  z
    .object({
      afterFirstUseOf: z.string().min(1).max(100),
      graceSeconds: z
        .number({ error: 'graceSeconds must be a whole number of seconds' })
        .int('graceSeconds must be a whole number of seconds')
        .min(0, 'graceSeconds must be at least 0')
        .max(GRACE_SECONDS_MAX, `graceSeconds must be at most ${GRACE_SECONDS_MAX} (30 days)`),
    })
    .strict(),
]);
export type RetirementPlanInput = z.infer<typeof RetirementPlanInputSchema>;

export const ScheduleRetirementInputSchema = z.object({ id: z.string().min(1).max(100), plan: RetirementPlanInputSchema }).strict();

export const SyncStateSchema = z.object({
  status: z.enum(['idle', 'syncing', 'offline', 'error']),
  /** Actions still waiting to reach the server. */
  pending: z.number().int().nonnegative(),
  /** Progress of the current drain. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Actions the server refused for good, kept until dismissed. */
  failed: z.array(
    PendingActionSchema.extend({ keyId: z.string(), keyName: z.string() }),
  ),
  lastSyncedAt: InstantSchema.nullable(),
  nextRetryAt: InstantSchema.nullable(),
  /**
   * The saved key list and offline queue could not be read at `at`; the unreadable file was kept at
   * `keptAs` (a path on this computer). Actions queued before may not have been sent. Until dismissed.
   */
  unreadable: z.object({ keptAs: z.string(), at: InstantSchema }).nullable(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** The driver the page runs under: Electron, or the web stand-in used in end-to-end tests. */
  runtime: z.enum(['electron', 'web']),
});

export const CopyResultSchema = z.object({
  /** When main will clear the clipboard if it still holds the key. */
  clearsAt: InstantSchema,
});

export const KeyDetailsSchema = z.object({
  key: KeyRowSchema,
  auditEvents: z.array(AuditEventDtoSchema),
  /** False when offline: the events could not be fetched. */
  auditAvailable: z.boolean(),
  /** Each permission's last use, from main's cache (works offline); null: never fetched. */
  usage: KeyUsageViewSchema.nullable().default(null),
});
export type KeyDetails = z.infer<typeof KeyDetailsSchema>;

export const invokeContract = {
  'app:info': { input: Empty, output: AppInfoSchema },
  'connection:state': { input: Empty, output: ConnectionStateSchema },
  'connection:connect': {
    input: z.object({ serverUrl: ServerUrlSchema, adminToken: z.string().min(1, 'Admin token is required').max(200) }).strict(),
    output: ConnectionStateSchema,
  },
  'connection:start-local': { input: Empty, output: ConnectionStateSchema },
  'connection:disconnect': { input: Empty, output: ConnectionStateSchema },
  'profiles:list': { input: Empty, output: z.object({ profiles: z.array(ProfileSchema), activeId: z.string().nullable() }) },
  /** Switches profile; main then reloads the window so nothing carries across organizations. */
  'profiles:switch': { input: z.object({ profileId: z.string().min(1).max(100) }).strict(), output: ConnectionStateSchema },
  'session:me': { input: Empty, output: MeResponseSchema },
  'catalog:capabilities': { input: Empty, output: z.object({ items: z.array(CapabilityDtoSchema) }) },
  'keys:list': { input: Empty, output: KeysViewSchema },
  'keys:create': { input: NewKeyInputSchema, output: CreatedKeySchema },
  /** Creates the replacement key; the old one is revoked later with keys:revoke, once confirmed. */
  'keys:rotate': { input: NewKeyInputSchema.extend({ oldKeyId: z.string().min(1).max(100) }).strict(), output: CreatedKeySchema },
  'keys:revoke': { input: KeyIdInputSchema, output: KeyRowSchema },
  'keys:details': { input: KeyIdInputSchema, output: KeyDetailsSchema },
  /** Plans the key's revocation (queued like a revoke: "Retirement pending" until the server has it). */
  'keys:schedule-retirement': { input: ScheduleRetirementInputSchema, output: KeyRowSchema },
  /** Cancels the key's planned revocation (dropped locally when the server cannot have it yet). */
  'keys:cancel-retirement': { input: KeyIdInputSchema, output: KeyRowSchema },
  /** Revokes up to 1,000 keys in one request (or one queued action offline); see bulk-revoke.ts. */
  'keys:bulk-revoke': { input: BulkRevokeInputSchema, output: BulkRevokeResultSchema },
  /** The key policy new keys must satisfy (GET /admin/key-policy), cached for offline use. */
  'policy:get': { input: Empty, output: PolicyViewSchema },
  /** Sets the key policy (PUT /admin/key-policy, Admin): needs the server, never queued; answers the new view. */
  'policy:set': { input: KeyPolicySchema, output: PolicyViewSchema },
  /** The copy screen is visible: from now until done, closing the window or quitting is blocked. */
  'copy-screen:shown': { input: KeyIdInputSchema, output: Void },
  /** Copies the new key (held in main) to the clipboard with the concealment markers. */
  'copy-screen:copy': { input: KeyIdInputSchema, output: CopyResultSchema },
  /** Done: main forgets the secret and lets the window close again. */
  'copy-screen:done': { input: KeyIdInputSchema, output: Void },
  'sync:state': { input: Empty, output: SyncStateSchema },
  'sync:now': { input: Empty, output: SyncStateSchema },
  'outbox:dismiss': { input: z.object({ outboxId: z.string().min(1).max(100) }).strict(), output: SyncStateSchema },
  'outbox:dismiss-unreadable': { input: Empty, output: SyncStateSchema },
  /** Scans pasted text for API keys in main and names them by hash (identify/identify-service.ts). */
  'keys:identify': { input: IdentifyTextInputSchema, output: IdentifyResultSchema },
  /** Opens a native open-file dialog in main and scans the chosen file there; null when cancelled. */
  'keys:identify-file': { input: Empty, output: IdentifyFileResultSchema },
  /** A page of the organization's audit log, newest first (from main's cache when offline). */
  'audit:list': { input: AuditListInputSchema, output: AuditPageSchema },
  /** The keys of the table's current filter to a file the person picks in the native save dialog. */
  'export:keys': { input: ExportKeysInputSchema, output: ExportResultSchema },
  /** Every audit event matching the Audit log page's filter, to a file picked in the save dialog. */
  'export:audit': { input: ExportAuditInputSchema, output: ExportResultSchema },
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'connection:changed': ConnectionStateSchema,
  'keys:changed': z.object({ reason: z.enum(['created', 'revoked', 'synced', 'refreshed', 'retirement']) }),
  'sync:changed': SyncStateSchema,
  /** Main refused to close / quit / reload while the copy screen is up: draw attention to Done. */
  'close:blocked': z.object({ attempted: z.enum(['close', 'quit', 'reload']) }),
  /**
   * A reminder notification was clicked: show the API keys page with this key's details open (null:
   * the page itself, for a notification about several keys; its banner lists them).
   */
  'key:open': z.object({ keyId: z.string().min(1).max(100).nullable() }),
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
export type InvokeParsedInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

// Compile-time proof that the preload's plain lists and this contract name the same channels.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const invokeListsAgree: Exact<keyof typeof invokeContract, (typeof INVOKE_CHANNELS)[number]> = true;
const eventListsAgree: Exact<keyof typeof eventContract, (typeof EVENT_CHANNELS)[number]> = true;
void invokeListsAgree;
void eventListsAgree;

export type { InvokeChannel, EventChannel };
