/** Values shared by every export: how an instant reads in a CSV cell. */

/**
 * "2026-11-30 21:41:07": UTC (the column header says so), to the second, in the one layout every
 * spreadsheet recognizes as a date and time in any locale. JSON keeps the full ISO-8601 instant.
 */
export function csvInstant(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}
