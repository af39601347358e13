/**
 * The inventory's Flags column: the Needs-attention flags main computed for each row (src/main/keys/key-flags.ts,
 * carried on the KeyRow, so the file says what the table says), and their words in a CSV cell.
 */
import { getCapability } from '../../shared/capabilities.js';
import type { KeyFlag } from '../../shared/ipc/key-flags.js';
import type { KeyFlagsOf } from './keys-inventory.js';

export const exportFlagsOf: KeyFlagsOf = (row) => row.flags;

/** "Expires in 3 days", "Unused permissions: Delete records, impersonation" (flags are joined with "; "). */
export function flagText(flag: KeyFlag): string {
  switch (flag.kind) {
    case 'expired':
      return 'Expired';
    case 'expires-soon':
      return `Expires in ${flag.days} ${flag.days === 1 ? 'day' : 'days'}`;
    case 'never-used':
      return 'Never used';
    case 'unused-90-days':
      return 'Unused for 90 days';
    case 'unused-permissions': {
      const unused = [...flag.capabilities.map((slug) => getCapability(slug).label), ...(flag.impersonation ? ['impersonation'] : [])];
      return `Unused permissions: ${unused.join(', ')}`;
    }
  }
}
