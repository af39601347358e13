/**
 * "Needs attention" flags in the product's words: the keys table's badge, the Needs attention filter,
 * the details drawer and the inventory export's Flags column all say a flag with these functions, so
 * the screen and a file never word it differently. The flags themselves are computed in main
 * (src/main/keys/key-flags.ts).
 */
import { getCapability, sortCapabilities } from '../capabilities.js';
import { ACTIVITY_FLAG_DAYS, EXPIRES_SOON_DAYS, type FlagKind, type KeyFlag } from '../ipc/key-flags.js';

/** The permission to act as a person, as the create form's switch names it. */
export const IMPERSONATION_LABEL = 'Can impersonate users';

/** A flag's name: "Expired", "Expires in 3 days", "Unused permissions". */
export function flagLabel(flag: KeyFlag): string {
  switch (flag.kind) {
    case 'expired':
      return 'Expired';
    case 'expires-soon':
      return `Expires in ${flag.days} ${flag.days === 1 ? 'day' : 'days'}`;
    case 'refused-requests':
      return 'Refused requests';
    case 'new-address':
      return 'New address';
    case 'never-used':
      return 'Never used';
    case 'unused-90-days':
      return 'Unused for 90 days';
    case 'unused-permissions':
      return 'Unused permissions';
  }
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * A flag with what it is about: "Unused permissions: Write records, Can impersonate users" (catalog
 * order), "Refused requests: 3 in 7 days", "New address: 2 addresses first seen in 7 days". The
 * activity summary gives counts only, so the addresses themselves are in the drawer's Where from.
 */
export function flagDetail(flag: KeyFlag): string {
  if (flag.kind === 'refused-requests') return `${flagLabel(flag)}: ${flag.count} in ${ACTIVITY_FLAG_DAYS} days`;
  if (flag.kind === 'new-address') return `${flagLabel(flag)}: ${plural(flag.count, 'address', 'addresses')} first seen in ${ACTIVITY_FLAG_DAYS} days`;
  if (flag.kind !== 'unused-permissions') return flagLabel(flag);
  const names = [...sortCapabilities(flag.capabilities).map((slug) => getCapability(slug).label), ...(flag.impersonation ? [IMPERSONATION_LABEL] : [])];
  return `${flagLabel(flag)}: ${names.join(', ')}`;
}

/** The Needs attention filter's option for each kind (an "Expires in N days" flag has its own N). */
export const FLAG_FILTER_LABEL: Record<FlagKind, string> = {
  expired: 'Expired',
  'expires-soon': `Expires within ${EXPIRES_SOON_DAYS} days`,
  'refused-requests': `Refused requests in ${ACTIVITY_FLAG_DAYS} days`,
  'new-address': `New address in ${ACTIVITY_FLAG_DAYS} days`,
  'never-used': 'Never used',
  'unused-90-days': 'Unused for 90 days',
  'unused-permissions': 'Unused permissions',
};
