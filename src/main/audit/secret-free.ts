/**
 * Audit events never hold a secret: the server writes names, ids, hints, counts, emails, capabilities.
 * Main still keeps anything shaped like a key or an admin token out of every event it keeps or hands
 * on (the cache file, exports, the Audit log page), so a server that one day puts one there — or a
 * name someone typed, a playbook id, a key named after its own secret — cannot make this app write it
 * to disk. Every string of the event is scrubbed, at any depth, and the names of `details`' fields too:
 * which fields carry free text is the server's business and may change. The prefixes are the key
 * format's (shared/key-format.ts); hints (`rkr_key_…Ab3x`) do not match.
 */
import type { AuditEventDto } from '../../shared/http/index.js';

const SECRET_SHAPED = /rkr_(?:key|adm)_[0-9A-Za-z]{12,}/g;
export const REMOVED_SECRET = '[secret removed]';

const PREFIX = 'rkr_';

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_SHAPED, REMOVED_SECRET);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [clean(name), clean(inner)]));
  return value;
}

/** Whether any string in `value`, or any field name, holds the prefix every secret starts with. */
function mentionsPrefix(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(PREFIX);
  if (Array.isArray(value)) return value.some(mentionsPrefix);
  if (value !== null && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    for (const name of Object.keys(fields)) if (name.includes(PREFIX) || mentionsPrefix(fields[name])) return true;
  }
  return false;
}

/** The event with every string in it (names, ids, details, at any depth) scrubbed of secret-shaped text. */
export function withoutSecrets(event: AuditEventDto): AuditEventDto {
  // One look without copying first: nearly every event has nothing to scrub, and an export scrubs millions.
  return mentionsPrefix(event) ? (clean(event) as AuditEventDto) : event;
}

export function holdsSecretShape(text: string): boolean {
  return new RegExp(SECRET_SHAPED.source).test(text);
}
