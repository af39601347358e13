/**
 * The server's answer to the "Used from" filter (keys:used-from). Asked again when the connection
 * changes: an `offline` answer is not kept once the app is back online.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../../lib/ipc';
import { queryKeys } from '../../../lib/query-keys';

export function useUsedFrom(address: string, offline: boolean) {
  return useQuery({
    queryKey: queryKeys.usedFrom(address, offline),
    queryFn: () => call('keys:used-from', { address }),
    enabled: address !== '',
  });
}
