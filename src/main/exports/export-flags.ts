/** The Flags column of the inventory (placeholder until the flags computation is merged). */
import type { KeyFlagsOf } from './keys-inventory.js';

export const exportFlagsOf: KeyFlagsOf = () => [];
