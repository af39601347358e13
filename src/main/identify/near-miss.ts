/**
 * A candidate rejected by its checksum that differs from a key found in the same text by exactly one
 * character is almost surely a mistyped copy of that key (a random run is that close to a given key
 * once in 62^45): the page says which key it resembles, by that key's name or hint, never by more of
 * either. Only the listed candidates are compared (at most a few hundred against at most 5,000 keys,
 * each comparison stopping at its second difference).
 */
import type { RejectedRun, ScannedKey } from './scan-keys.js';

/** For each rejected run, the index in `keys` of the key it is a one-character copy of, or null. */
export function nearMisses(rejected: readonly RejectedRun[], keys: readonly ScannedKey[]): (number | null)[] {
  return rejected.map((candidate) => {
    if (candidate.reason !== 'checksum') return null;
    const index = keys.findIndex((key) => differsByOne(candidate.run, key.secret));
    return index === -1 ? null : index;
  });
}

function differsByOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 1) return false;
  }
  return differences === 1;
}
