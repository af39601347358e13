/**
 * "Create a narrower replacement": a rotation prefilled with only what the key has used. Offered only
 * with usage that is known and current (fetched after the key's last use), and when there is something
 * to take away; otherwise the drawer says why not.
 */
import type { CapabilitySlug } from '@shared/capabilities';
import type { KeyRow } from '@shared/ipc/contract';
import type { KeyUsageView } from '@shared/ipc/key-flags';

export type Narrowing = { ok: true; capabilities: CapabilitySlug[]; canImpersonate: boolean } | { ok: false; reason: string };

export function narrowerReplacement(key: KeyRow, usage: KeyUsageView | null): Narrowing {
  if (!usage) return { ok: false, reason: 'No usage data for this key yet: RakerOne Admin fetches it when it syncs with RakerOne.' };
  if (!usage.current) return { ok: false, reason: 'This key has been used since its usage was fetched: wait for the next sync.' };
  const used = new Set(usage.capabilities.filter((entry) => entry.lastUsedAt !== null).map((entry) => entry.capability));
  const capabilities = key.capabilities.filter((slug) => used.has(slug));
  const canImpersonate = key.canImpersonate && usage.impersonation.lastUsedAt !== null;
  if (capabilities.length === 0 && !canImpersonate) {
    return { ok: false, reason: 'This key has not used any of its permissions: revoke it rather than replace it.' };
  }
  if (capabilities.length === key.capabilities.length && canImpersonate === key.canImpersonate) {
    return { ok: false, reason: 'Nothing to narrow: this key has used every permission it holds.' };
  }
  return { ok: true, capabilities, canImpersonate };
}
