/**
 * The IPC contract between the renderer and the main process: the map of every channel to its input
 * and output schema, and of every event to its payload schema. The schemas themselves sit by domain in
 * this folder (connection.ts, keys.ts, retirement.ts, policy.ts, sync.ts, copy-screen.ts, audit.ts…).
 * Types derive from here; main parses every input with these schemas and the renderer's only bridge
 * reader (renderer/src/lib/ipc.ts) is typed by them.
 *
 * The admin token appears in exactly one input (connection:connect, typed by the person) and in no
 * output. A new key's secret appears in one output (keys:create / keys:rotate) for the copy screen;
 * main keeps it in memory until copy-screen:done and never writes it anywhere.
 */
import { z } from 'zod';
import { CapabilityDtoSchema, KeyPolicySchema, MeResponseSchema } from '../http/index.js';
import { UsedFromInputSchema, UsedFromResultSchema } from './activity-flags.js';
import { KeyActivityInputSchema, KeyActivityViewSchema } from './activity.js';
import { SetAllowedAddressesInputSchema } from './allowed-addresses.js';
import { AppInfoSchema } from './app-info.js';
import { AuditListInputSchema, AuditPageSchema } from './audit.js';
import { BulkRevokeInputSchema, BulkRevokeResultSchema } from './bulk-revoke.js';
import type { EVENT_CHANNELS, EventChannel, INVOKE_CHANNELS, InvokeChannel } from './channels.js';
import { ConnectionStateSchema, ProfileSchema } from './connection.js';
import { BulkSuspendInputSchema, BulkSuspendResultSchema, SuspendInputSchema } from './containment.js';
import { CopyResultSchema } from './copy-screen.js';
import { ExportAuditInputSchema, ExportKeysInputSchema, ExportResultSchema } from './export.js';
import { IdentifyFileResultSchema, IdentifyResultSchema, IdentifyTextInputSchema } from './identify.js';
import { CreatedKeySchema, KeyDetailsSchema, KeyIdInputSchema, KeyRowSchema, KeysViewSchema, NewKeyInputSchema } from './keys.js';
import { PolicyViewSchema } from './policy.js';
import { ScheduleRetirementInputSchema } from './retirement.js';
import { ServerUrlSchema } from './server-url.js';
import { SyncStateSchema } from './sync.js';

// The schemas live by domain in this folder; re-exported so that importers of the contract need not know where.
export * from './activity.js';
export * from './allowed-addresses.js';
export * from './app-info.js';
export * from './connection.js';
export * from './containment.js';
export * from './copy-screen.js';
export * from './keys.js';
export * from './policy.js';
export * from './retirement.js';
export * from './sync.js';

const Empty = z.object({}).strict();
const Void = z.null();

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
  /** A key's last 30 days of requests and refusals and where it was used from; offline, the last answer kept (activity.ts). */
  'keys:activity': { input: KeyActivityInputSchema, output: KeyActivityViewSchema },
  /** Plans the key's revocation (queued like a revoke: "Retirement pending" until the server has it). */
  'keys:schedule-retirement': { input: ScheduleRetirementInputSchema, output: KeyRowSchema },
  /** Cancels the key's planned revocation (dropped locally when the server cannot have it yet). */
  'keys:cancel-retirement': { input: KeyIdInputSchema, output: KeyRowSchema },
  /** Switches the key off with a reason (queued like a revoke: "Suspension pending" until the server has it); containment.ts. */
  'keys:suspend': { input: SuspendInputSchema, output: KeyRowSchema },
  /** Switches a suspended key on again (an unsent suspend is simply cancelled). */
  'keys:resume': { input: KeyIdInputSchema, output: KeyRowSchema },
  /** Suspends up to 1,000 keys in one request (or one queued action offline). */
  'keys:bulk-suspend': { input: BulkSuspendInputSchema, output: BulkSuspendResultSchema },
  /** Revokes up to 1,000 keys in one request (or one queued action offline); see bulk-revoke.ts. */
  'keys:bulk-revoke': { input: BulkRevokeInputSchema, output: BulkRevokeResultSchema },
  /** The keys used from an address in the last 90 days (the server's usedFrom, every page); offline it says so. */
  'keys:used-from': { input: UsedFromInputSchema, output: UsedFromResultSchema },
  /** The key policy new keys must satisfy (GET /admin/key-policy), cached for offline use. */
  'policy:get': { input: Empty, output: PolicyViewSchema },
  /** Sets the key policy (PUT /admin/key-policy, Admin): needs the server, never queued; answers the new view. */
  'policy:set': { input: KeyPolicySchema, output: PolicyViewSchema },
  /** Sets (or, with null, clears) the addresses a key may be used from; queued like a revoke: "Allowed addresses pending" until the server has it. */
  'keys:set-allowed-addresses': { input: SetAllowedAddressesInputSchema, output: KeyRowSchema },
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
  'keys:changed': z.object({ reason: z.enum(['created', 'revoked', 'synced', 'refreshed', 'retirement', 'suspension', 'allowed-addresses']) }),
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
