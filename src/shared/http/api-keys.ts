/**
 * Everything about API keys over HTTP, by domain: the keys themselves (keys.ts), scheduled
 * revocation, incident response (bulk revoke, identify), the audit trail, the key policy and key
 * usage. This file only gathers them, for the modules that import the whole API-key surface.
 */
export * from './keys.js';
export * from './scheduled-revocation.js';
export * from './incident.js';
export * from './audit-events.js';
export * from './key-policy.js';
export * from './key-usage.js';
