/**
 * keys:bulk-revoke from the renderer, and the words for its answer. Used by the keys page's selection
 * bar and by any page that offers "Revoke N keys" (the dialog takes plain {id, name, hint}).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BulkRevokeResult } from '@shared/ipc/bulk-revoke';
import { call } from '../../../lib/ipc';
import { invalidate } from '../../../lib/query-keys';

export function useBulkRevoke() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => call('keys:bulk-revoke', { ids }),
    onSettled: () => {
      // Rows changed (or were cancelled locally even if the server refused the rest).
      invalidate.allKeys(client);
    },
  });
}

const keysWord = (n: number) => (n === 1 ? '1 key' : `${n} keys`);

/** One sentence per outcome, in the order an admin acts on them; never claims more than happened. */
export function bulkResultLines(result: BulkRevokeResult): string[] {
  const lines: string[] = [];
  if (result.revoked.length > 0) lines.push(`${keysWord(result.revoked.length)} revoked: refused from now on.`);
  if (result.pending.length > 0) {
    lines.push(
      `Revocation pending for ${keysWord(result.pending.length)}: ${result.pending.length === 1 ? 'it still works' : 'they still work'} until RakerOne Admin reconnects.`,
    );
  }
  if (result.cancelled.length > 0)
    lines.push(`${keysWord(result.cancelled.length)} never reached RakerOne and ${result.cancelled.length === 1 ? 'was' : 'were'} cancelled.`);
  if (result.alreadyRevoked.length > 0)
    lines.push(`${keysWord(result.alreadyRevoked.length)} ${result.alreadyRevoked.length === 1 ? 'was' : 'were'} already revoked.`);
  if (result.notFound.length > 0)
    lines.push(`${keysWord(result.notFound.length)} not found on RakerOne: nothing was revoked for ${result.notFound.length === 1 ? 'it' : 'them'}.`);
  if (lines.length === 0) lines.push('Nothing to revoke.');
  return lines;
}

/** The answer needs a look (something was not revoked as asked), not just a passing notification. */
export function bulkResultNeedsReview(result: BulkRevokeResult): boolean {
  return result.notFound.length > 0;
}
