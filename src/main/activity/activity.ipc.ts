/** keys:activity — a key's requests, refusals and sources for the details drawer (activity-service.ts). */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function activityHandlers(s: CoreServices): DomainHandlers<'keys:activity'> {
  return {
    'keys:activity': ({ id }) => s.activity.get(id),
  };
}
