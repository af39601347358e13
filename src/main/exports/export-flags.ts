/**
 * The inventory's flags: the Needs-attention flags main computed for each row (src/main/keys/key-flags.ts,
 * carried on the KeyRow, so the file says what the table says). Their words are the shared wording
 * (src/shared/wording/key-flags.ts), used by keys-inventory.ts.
 */
import type { KeyFlagsOf } from './keys-inventory.js';

export const exportFlagsOf: KeyFlagsOf = (row) => row.flags;
