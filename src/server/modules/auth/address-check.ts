/**
 * A key's allowed addresses on the request path (issue 20): a request from outside the list is a 403
 * whose message names the caller's address — never the list, which would tell a thief where to
 * come from. The caller's address is `clientAddressOf` (activity's form: the socket's peer, or the
 * client a `serve --trust-proxy` proxy reports; an IPv4-mapped IPv6 peer reads as IPv4).
 *
 * Cost: the check is built once per proven credential (kept in the credential cache with it) and
 * remembers its answer per raw peer address, so a cached request from a known address pays one Map
 * lookup, whatever the list's length; a new address costs one parse and a byte compare per block.
 */
import { AppError } from '../../../shared/errors.js';
import { blocksMatcher } from '../../../shared/cidr.js';
import { clientAddressOf } from '../activity/client-source.js';
import { allowedAddressesOf } from '../api-keys/allowed-addresses-store.js';

/** Where a request came from, as Fastify reports it (`request.ip`); absent when unknown. */
export interface RequestOrigin {
  readonly ip?: string;
}

/** Throws the 403 when the origin is outside the key's list. */
export type AddressCheck = (origin: RequestOrigin | undefined) => void;

/** Answers remembered per check: peers of one key are few; a flood of new ones only restarts the memo. */
const REMEMBERED_PEERS = 256;

export function refusedFrom(address: string | null): AppError {
  return new AppError('FORBIDDEN', `This API key may not be used from ${address ?? 'an unknown address'}`, {
    hint: "Use the key from one of its allowed addresses, or ask an admin to change the key's allowed addresses.",
  });
}

/** The check for a key's stored list (api_keys.allowed_addresses); null when the key may be used from anywhere. */
export function addressCheckOf(stored: string | null): AddressCheck | null {
  const blocks = allowedAddressesOf(stored);
  if (blocks === null) return null;
  const matches = blocksMatcher(blocks);
  const answers = new Map<string, boolean>();
  return (origin) => {
    const raw = origin?.ip;
    // No address (a closed socket; a caller that passed none): nothing proves it is inside.
    if (raw === undefined) throw refusedFrom(null);
    let allowed = answers.get(raw);
    if (allowed === undefined) {
      allowed = matches(raw);
      if (answers.size >= REMEMBERED_PEERS) answers.clear();
      answers.set(raw, allowed);
    }
    if (!allowed) throw refusedFrom(clientAddressOf(origin as { ip: string }));
  };
}
