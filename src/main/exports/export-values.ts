/** Values shared by every export: how an instant reads in a CSV cell, and a flag on a row. */
import { z } from 'zod';

/**
 * "2026-11-30 21:41:07": UTC (the column header says so), to the second, in the one layout every
 * spreadsheet recognizes as a date and time in any locale. JSON keeps the full ISO-8601 instant.
 */
export function csvInstant(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/** A needs-attention flag: a stable `kind` for programs and the `text` a person reads. */
export const ExportFlagSchema = z.object({ kind: z.string(), text: z.string() }).strict();
export type ExportFlag = z.infer<typeof ExportFlagSchema>;
