/**
 * Export channels (export:keys, export:audit): what the renderer asks for and what main answers.
 * The renderer sends only the choice (format, which rows); main reads the data, asks the native save
 * dialog where, and writes the file: no file content and no path ever comes from the renderer.
 */
import { z } from 'zod';
import { InstantSchema } from '../instant.js';
import { AuditFilterSchema } from './audit.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The most keys one export may name: far above any organization's keys, small enough for one IPC message. */
export const EXPORT_KEYS_MAX = 50_000;

export const ExportKeysInputSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    /** The rows of the table's current filter, in its order (the filter lives in the renderer). */
    ids: z
      .array(z.string().min(1).max(100))
      .min(1, 'Nothing to export: no key matches the filters')
      .max(EXPORT_KEYS_MAX, `At most ${EXPORT_KEYS_MAX} keys per export`),
  })
  .strict();
export type ExportKeysInput = z.infer<typeof ExportKeysInputSchema>;

export const ExportAuditInputSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    /** The Audit log page's current filter: every matching event is exported, not only those loaded. */
    filter: AuditFilterSchema,
  })
  .strict();
export type ExportAuditInput = z.output<typeof ExportAuditInputSchema>;

export const ExportResultSchema = z.discriminatedUnion('status', [
  /** The person closed the save dialog: nothing was written. */
  z.object({ status: z.literal('cancelled') }),
  z.object({
    status: z.literal('written'),
    format: z.enum(EXPORT_FORMATS),
    /** Where the file was written (the path the person chose). */
    path: z.string(),
    /** Records in the file (the header row not counted). */
    rows: z.number().int().nonnegative(),
    /** Asked-for rows that were no longer there when main read the data (e.g. a key gone since). */
    skipped: z.number().int().nonnegative(),
    /**
     * Where the rows came from: `server`, or `cache` (offline: what main kept; for the audit log,
     * `complete` false means older events were never kept and are not in the file).
     */
    source: z.object({ kind: z.enum(['server', 'cache']), asOf: InstantSchema.nullable(), complete: z.boolean() }),
  }),
]);
export type ExportResult = z.infer<typeof ExportResultSchema>;
