/** keys:bulk-revoke — incident response: many keys revoked as one action. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function bulkRevokeHandlers(s: CoreServices): DomainHandlers<'keys:bulk-revoke'> {
  return {
    'keys:bulk-revoke': ({ ids }) => s.bulkRevoke.bulkRevoke(ids),
  };
}
