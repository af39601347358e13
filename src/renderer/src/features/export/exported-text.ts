/** What the notice says after an export was written: how many rows, where, from what, and what was left out. */
import type { ExportResult } from '@shared/ipc/export';
import { exact } from '../../lib/time';

export function exportedText(result: Extract<ExportResult, { status: 'written' }>, noun: { one: string; many: string }): string {
  const count = (n: number) => `${n.toLocaleString()} ${n === 1 ? noun.one : noun.many}`;
  const sentences = [`${count(result.rows)} exported to ${result.path}.`];
  if (result.skipped > 0) sentences.push(`${count(result.skipped)} no longer in the list ${result.skipped === 1 ? 'was' : 'were'} left out.`);
  if (result.source.kind === 'cache') {
    sentences.push(
      result.source.asOf
        ? `You're offline: this is the copy kept as of ${exact(result.source.asOf)}.`
        : "You're offline: this is the copy kept on this computer.",
    );
    if (!result.source.complete) sentences.push(`Older ${noun.many} were never kept offline and are not in the file.`);
  }
  return sentences.join(' ');
}
