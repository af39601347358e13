/** keys:used-from — the incident filter "Used from" (keys/used-from-service.ts). */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function usedFromHandlers(s: CoreServices): DomainHandlers<'keys:used-from'> {
  return {
    'keys:used-from': ({ address }) => s.usedFrom.usedFrom(address),
  };
}
