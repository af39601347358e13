/** What the notice says after an export was written: how many rows, where, and what was left out. */
import type { ExportResult } from '../../../../shared/ipc/export';

export function exportedText(result: Extract<ExportResult, { status: 'written' }>, noun: { one: string; many: string }): string {
  const count = (n: number) => `${n.toLocaleString()} ${n === 1 ? noun.one : noun.many}`;
  const written = `${count(result.rows)} exported to ${result.path}`;
  if (result.skipped === 0) return `${written}.`;
  return `${written}. ${count(result.skipped)} no longer in the list ${result.skipped === 1 ? 'was' : 'were'} left out.`;
}
