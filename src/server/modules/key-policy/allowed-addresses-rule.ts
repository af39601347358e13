/**
 * The key policy's "require allowed addresses": a new key must carry a list. Like the expiry rules it
 * applies to creates only (a rotation creates a key, so it applies there too); keys that exist keep
 * their list, and clearing a key's list later (PUT …/allowed-addresses with null) stays possible: an
 * admin who can make a key usable from anywhere by rotating it gains nothing from being refused here,
 * and the change is audited (`api_key.allowed_addresses_changed`).
 */
import { AppError } from '../../../shared/errors.js';
import type { KeyPolicy } from '../../../shared/http/key-policy.js';

export const ALLOWED_ADDRESSES_REQUIRED = "The organization's key policy (require allowed addresses) requires a list of allowed addresses";

/** Throws 400 VALIDATION on `allowedAddresses` when the policy requires a list and the new key has none. */
export function checkNewKeyAllowedAddresses(policy: KeyPolicy, allowedAddresses: readonly string[] | null | undefined): void {
  if (policy.requireAllowedAddresses && (allowedAddresses === null || allowedAddresses === undefined)) {
    throw new AppError('VALIDATION', ALLOWED_ADDRESSES_REQUIRED, { issues: [{ path: 'allowedAddresses', message: ALLOWED_ADDRESSES_REQUIRED }] });
  }
}
