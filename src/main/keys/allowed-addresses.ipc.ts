/** keys:set-allowed-addresses — where a key may be used from. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function allowedAddressesHandlers(s: CoreServices): DomainHandlers<'keys:set-allowed-addresses'> {
  return {
    'keys:set-allowed-addresses': ({ id, allowedAddresses }) => s.allowedAddresses.set(id, allowedAddresses),
  };
}
