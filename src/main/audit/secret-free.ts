/**
 * Audit details never hold a secret: the server writes hints, counts, emails, capabilities (server:
 * the `details` of every audit append). Main still keeps anything shaped like a key or an admin token
 * out of its cache file, so a server that one day puts one there cannot make this app write it to
 * disk. The prefixes are the key format's (shared/key-format.ts); hints (`rkr_key_…Ab3x`) do not match.
 */
import type { AuditEventDto } from '../../shared/http/index.js';

const SECRET_SHAPED = /rkr_(?:key|adm)_[0-9A-Za-z]{12,}/g;
export const REMOVED_SECRET = '[secret removed]';

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_SHAPED, REMOVED_SECRET);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, clean(inner)]));
  return value;
}

export function withoutSecrets(event: AuditEventDto): AuditEventDto {
  if (event.details === null) return event;
  return { ...event, details: clean(event.details) as Record<string, unknown> };
}

export function holdsSecretShape(text: string): boolean {
  return new RegExp(SECRET_SHAPED.source).test(text);
}
