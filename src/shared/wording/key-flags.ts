/**
 * "Needs attention" flags in the product's words: the keys table's badge, the Needs attention filter,
 * the details drawer and the inventory export's Flags column all say a flag with these functions, so
 * the screen and a file never word it differently. The flags themselves are computed in main
 * (src/main/keys/key-flags.ts).
 */
import { getCapability, sortCapabilities } from '../capabilities.js';
import { EXPIRES_SOON_DAYS, type FlagKind, type KeyFlag } from '../ipc/key-flags.js';

/** The permission to act as a person, as the create form's switch names it. */
export const IMPERSONATION_LABEL = 'Can impersonate users';

/** A flag's name: "Expired", "Expires in 3 days", "Unused permissions". */
export function flagLabel(flag: KeyFlag): string {
  switch (flag.kind) {
    case 'expired':
      return 'Expired';
    case 'expires-soon':
      return `Expires in ${flag.days} ${flag.days === 1 ? 'day' : 'days'}`;
    case 'never-used':
      return 'Never used';
    case 'unused-90-days':
      return 'Unused for 90 days';
    case 'unused-permissions':
      return 'Unused permissions';
  }
}

/** A flag with what it is about: "Unused permissions: Write records, Can impersonate users" (catalog order). */
export function flagDetail(flag: KeyFlag): string {
  if (flag.kind !== 'unused-permissions') return flagLabel(flag);
  const names = [...sortCapabilities(flag.capabilities).map((slug) => getCapability(slug).label), ...(flag.impersonation ? [IMPERSONATION_LABEL] : [])];
  return `${flagLabel(flag)}: ${names.join(', ')}`;
}

/** The Needs attention filter's option for each kind (an "Expires in N days" flag has its own N). */
export const FLAG_FILTER_LABEL: Record<FlagKind, string> = {
  expired: 'Expired',
  'expires-soon': `Expires within ${EXPIRES_SOON_DAYS} days`,
  'never-used': 'Never used',
  'unused-90-days': 'Unused for 90 days',
  'unused-permissions': 'Unused permissions',
};
