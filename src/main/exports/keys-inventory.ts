/**
 * The keys inventory as auditors get it: one record per key, the same facts in CSV (words a person
 * reads, one row per key) and JSON (exact values, documented in docs/exports.md, versioned).
 * Never a secret or a secret's hash: a KeyRow carries neither, and only the fields named here leave.
 */
import { FROM_ANY_ADDRESS } from '../../shared/wording/allowed-addresses.js';
import { z } from 'zod';
import { InstantSchema } from '../../shared/instant.js';
import { getCapability, sortCapabilities } from '../../shared/capabilities.js';
import { ApiKeyDtoSchema, CapabilitySlugSchema, OrganizationSchema, SuspensionSchema } from '../../shared/http/index.js';
import type { KeyRow, KeysView } from '../../shared/ipc/contract.js';
import { ROW_STATUSES, rowStatus } from '../../shared/key-row-status.js';
import { KeyFlagSchema, type KeyFlag } from '../../shared/ipc/key-flags.js';
import { flagDetail } from '../../shared/wording/key-flags.js';
import { ROW_STATUS_LABEL } from '../../shared/wording/key-status.js';
import { suspendedByText } from '../../shared/wording/suspension.js';
import { csvInstant } from './export-values.js';

/** The needs-attention flags of a row at `now`; injected so the inventory does not own their rules. */
export type KeyFlagsOf = (row: KeyRow, now: number) => readonly KeyFlag[];

/**
 * The Allowed addresses cell of a key without a list, in the details drawer's words: an empty cell
 * would read as "no address allowed" to an auditor, the opposite of what it means.
 */
export { FROM_ANY_ADDRESS };

export const KEYS_CSV_HEADER = [
  'Name',
  'Hint',
  'Permissions',
  'Can impersonate',
  'Created by',
  'Created at (UTC)',
  'Last used (UTC)',
  'Expires (UTC)',
  'Status',
  'Allowed addresses',
  'Suspended at (UTC)',
  'Suspended by',
  'Suspension reason',
  'Flags',
  'Key ID',
] as const;

export const KeysExportRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    hint: z.string(),
    /** Capability slugs, in the catalog's order. */
    permissions: z.array(CapabilitySlugSchema),
    canImpersonate: z.boolean(),
    createdBy: ApiKeyDtoSchema.shape.createdBy,
    createdAt: InstantSchema,
    lastUsedAt: InstantSchema.nullable(),
    expiresAt: InstantSchema.nullable(),
    /** As the table says it at `exportedAt` (queued changes and the clock included). */
    status: z.enum(ROW_STATUSES),
    /**
     * The blocks (CIDR, canonical) the key may be used from, as the table shows them (a queued change
     * included; `status` then says so); null: from any address.
     */
    allowedAddresses: z.array(z.string()).nullable(),
    /**
     * Who switched the key off, when and why, as the server last said; null unless the server lists the
     * key as suspended (a queued or refused resume included). The server keeps the record after a
     * revocation or expiry, but the key is no longer "suspended" then, so neither is its record here.
     */
    suspension: SuspensionSchema.nullable(),
    /** Needs-attention flags, exactly as main computed them for the table (src/shared/ipc/key-flags.ts). */
    flags: z.array(KeyFlagSchema),
  })
  .strict();
export type KeysExportRecord = z.infer<typeof KeysExportRecordSchema>;

export const KEYS_EXPORT_FORMAT = 'rakerone-admin/api-keys';

export const KeysExportDocumentSchema = z
  .object({
    format: z.literal(KEYS_EXPORT_FORMAT),
    /** Bumped when a field changes meaning or goes away; new fields may be added within a version. */
    version: z.literal(1),
    exportedAt: InstantSchema,
    server: z.string().nullable(),
    organization: OrganizationSchema.nullable(),
    /** Where the list came from: the server just now, or the app's cache (offline) as of `syncedAt`. */
    list: z.object({ source: z.enum(['server', 'cache']), syncedAt: InstantSchema.nullable() }).strict(),
    keys: z.array(KeysExportRecordSchema),
  })
  .strict();
export type KeysExportDocument = z.infer<typeof KeysExportDocumentSchema>;

export function keysExportRecord(row: KeyRow, now: number, flagsOf: KeyFlagsOf): KeysExportRecord {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    permissions: sortCapabilities(row.capabilities),
    canImpersonate: row.canImpersonate,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    status: rowStatus(row, now),
    allowedAddresses: row.allowedAddresses,
    // The same rule as the table's status explanation (features/keys/table/key-status.ts).
    suspension: row.status === 'suspended' ? row.suspension : null,
    flags: [...flagsOf(row, now)],
  };
}

/**
 * A record in the words of the table (status and flags in the shared wording): labels, "No permissions",
 * "Never", Yes / No, "From any address".
 */
export function keysCsvRow(record: KeysExportRecord): string[] {
  return [
    record.name,
    record.hint,
    record.permissions.length === 0 ? 'No permissions' : record.permissions.map((slug) => getCapability(slug).label).join('; '),
    record.canImpersonate ? 'Yes' : 'No',
    record.createdBy?.name ?? '',
    csvInstant(record.createdAt),
    record.lastUsedAt ? csvInstant(record.lastUsedAt) : 'Never',
    record.expiresAt ? csvInstant(record.expiresAt) : 'Never',
    ROW_STATUS_LABEL[record.status],
    record.allowedAddresses === null ? FROM_ANY_ADDRESS : record.allowedAddresses.join('; '),
    record.suspension ? csvInstant(record.suspension.at) : '',
    record.suspension ? suspendedByText(record.suspension) : '',
    record.suspension?.reason ?? '',
    record.flags.map(flagDetail).join('; '),
    record.id,
  ];
}

export function keysExportDocument(options: {
  records: KeysExportRecord[];
  view: Pick<KeysView, 'source' | 'syncedAt'>;
  exportedAt: string;
  server: string | null;
  organization: KeysExportDocument['organization'];
}): KeysExportDocument {
  return {
    format: KEYS_EXPORT_FORMAT,
    version: 1,
    exportedAt: options.exportedAt,
    server: options.server,
    organization: options.organization,
    list: { source: options.view.source, syncedAt: options.view.syncedAt },
    keys: options.records,
  };
}
