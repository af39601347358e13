/**
 * The session's API client, with every call's outcome reported to the link: an answer means the
 * server is reachable, no answer means offline, a 401 means the token was refused. Services just call
 * the API and handle errors; none of them decides online or offline.
 * `health` is not observed: it is the link's own probe.
 */
import { AppError } from '../../shared/errors.js';
import type { ApiClient } from '../http/api-client.js';
import { HttpError, isUnreachable } from '../http/map-error.js';
import type { Link } from './link.js';

export function observeApi(api: ApiClient, link: Pick<Link, 'reached' | 'unreachable' | 'unauthorized'>): ApiClient {
  async function observed<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      link.reached();
      return result;
    } catch (error) {
      if (isUnreachable(error)) link.unreachable(error as AppError);
      else if (error instanceof AppError && error.code === 'UNAUTHORIZED') link.unauthorized(error);
      else if (error instanceof HttpError && error.status !== null) link.reached();
      throw error;
    }
  }
  return {
    serverUrl: api.serverUrl,
    health: () => api.health(),
    me: (tokenOverride) => observed(() => api.me(tokenOverride)),
    capabilities: () => observed(() => api.capabilities()),
    listKeys: () => observed(() => api.listKeys()),
    listKeysUsedFrom: (address) => observed(() => api.listKeysUsedFrom(address)),
    activitySummary: (days) => observed(() => api.activitySummary(days)),
    createKey: (body, idempotencyKey) => observed(() => api.createKey(body, idempotencyKey)),
    revokeKey: (id) => observed(() => api.revokeKey(id)),
    scheduleRevocation: (id, body, idempotencyKey) => observed(() => api.scheduleRevocation(id, body, idempotencyKey)),
    cancelScheduledRevocation: (id) => observed(() => api.cancelScheduledRevocation(id)),
    bulkRevokeKeys: (ids, idempotencyKey) => observed(() => api.bulkRevokeKeys(ids, idempotencyKey)),
    suspendKey: (id, reason, idempotencyKey) => observed(() => api.suspendKey(id, reason, idempotencyKey)),
    resumeKey: (id, idempotencyKey) => observed(() => api.resumeKey(id, idempotencyKey)),
    bulkSuspendKeys: (ids, reason, idempotencyKey) => observed(() => api.bulkSuspendKeys(ids, reason, idempotencyKey)),
    auditEvents: (apiKeyId, limit) => observed(() => api.auditEvents(apiKeyId, limit)),
    keyPolicy: () => observed(() => api.keyPolicy()),
    keyUsage: (id) => observed(() => api.keyUsage(id)),
    keyActivity: (id, days) => observed(() => api.keyActivity(id, days)),
    identifyKeys: (secretHashes) => observed(() => api.identifyKeys(secretHashes)),
    setKeyPolicy: (policy) => observed(() => api.setKeyPolicy(policy)),
    setAllowedAddresses: (id, allowedAddresses, idempotencyKey) => observed(() => api.setAllowedAddresses(id, allowedAddresses, idempotencyKey)),
    listAuditEvents: (query) => observed(() => api.listAuditEvents(query)),
  };
}
