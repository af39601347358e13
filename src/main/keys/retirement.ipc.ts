/** keys:schedule-retirement and keys:cancel-retirement — when a rotated key stops working. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

type Channels = 'keys:schedule-retirement' | 'keys:cancel-retirement';

export function retirementHandlers(s: CoreServices): DomainHandlers<Channels> {
  return {
    'keys:schedule-retirement': ({ id, plan }) => s.retirement.schedule(id, plan),
    'keys:cancel-retirement': ({ id }) => s.retirement.cancel(id),
  };
}
