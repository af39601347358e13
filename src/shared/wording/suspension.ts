/**
 * A suspension's who in the product's words, said alike by the keys table, the drawer and the
 * inventory export: the admin's name, or a plain phrase when that admin's account is gone (the server
 * answers `by: null` then).
 */
import type { Suspension } from '../http/containment.js';

export const SUSPENDED_BY_UNKNOWN = 'a removed admin';

export function suspendedByText(suspension: Pick<Suspension, 'by'>): string {
  return suspension.by?.name ?? SUSPENDED_BY_UNKNOWN;
}
