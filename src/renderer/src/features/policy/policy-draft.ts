/**
 * The key policy form's values as typed, and how they become a KeyPolicy: pure functions, so the
 * page only draws. The days field holds text (what the person typed), checked here with the same
 * bounds as the shared schema; main and the server check again.
 */
import { MAX_LIFETIME_DAYS_MAX, type KeyPolicy } from '@shared/http/api-keys';

export interface PolicyDraft {
  /** "Set a maximum lifetime" is ticked. */
  limitLifetime: boolean;
  /** The days field, as typed. */
  days: string;
  requireExpiry: boolean;
  requireAllowedAddresses: boolean;
}

/** What the days field starts with when no maximum is set yet. */
const SUGGESTED_DAYS = 90;

export function draftOf(policy: KeyPolicy): PolicyDraft {
  return {
    limitLifetime: policy.maxLifetimeDays !== null,
    days: String(policy.maxLifetimeDays ?? SUGGESTED_DAYS),
    requireExpiry: policy.requireExpiry,
    requireAllowedAddresses: policy.requireAllowedAddresses,
  };
}

export const DAYS_RANGE_MESSAGE = `Enter a whole number of days from 1 to ${MAX_LIFETIME_DAYS_MAX}`;

/** Why the days field cannot be used, or null (always null while no maximum is set). */
export function daysError(draft: PolicyDraft): string | null {
  if (!draft.limitLifetime) return null;
  const text = draft.days.trim();
  if (!/^\d+$/.test(text)) return DAYS_RANGE_MESSAGE;
  const days = Number(text);
  return days >= 1 && days <= MAX_LIFETIME_DAYS_MAX ? null : DAYS_RANGE_MESSAGE;
}

/** The policy to send; call only when daysError is null. */
export function policyOf(draft: PolicyDraft): KeyPolicy {
  return {
    maxLifetimeDays: draft.limitLifetime ? Number(draft.days.trim()) : null,
    requireExpiry: draft.requireExpiry,
    requireAllowedAddresses: draft.requireAllowedAddresses,
  };
}

export function sameDraft(a: PolicyDraft, b: PolicyDraft): boolean {
  return (
    a.limitLifetime === b.limitLifetime &&
    a.requireExpiry === b.requireExpiry &&
    a.requireAllowedAddresses === b.requireAllowedAddresses &&
    (!a.limitLifetime || a.days.trim() === b.days.trim())
  );
}
