/** keys:suspend, keys:resume and keys:bulk-suspend — switching keys off and on again. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

type Channels = 'keys:suspend' | 'keys:resume' | 'keys:bulk-suspend';

export function suspensionHandlers(s: CoreServices): DomainHandlers<Channels> {
  return {
    'keys:suspend': ({ id, reason }) => s.suspension.suspend(id, reason),
    'keys:resume': ({ id }) => s.suspension.resume(id),
    'keys:bulk-suspend': ({ ids, reason }) => s.suspension.bulkSuspend(ids, reason),
  };
}
