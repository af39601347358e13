/**
 * The line above the table saying how many keys it shows. "Showing n of N" is kept for filters the
 * person set: revoked keys hidden by the default Status filter are counted apart, so an untouched page
 * never reads as if something were filtered away.
 */
function keysWord(count: number): string {
  return `${count} ${count === 1 ? 'key' : 'keys'}`;
}

export function keysCountText({ shown, total, filtered }: { shown: number; total: number; filtered: boolean }): string {
  if (shown === total) return keysWord(total);
  if (filtered) return `Showing ${shown} of ${total} keys`;
  // Only the default filter is on, and all it hides is revoked keys.
  return `${keysWord(shown)} (${total - shown} revoked not shown)`;
}
