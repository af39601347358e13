/** Setting the key policy (policy:set). Reading it is the create dialog's usePolicy (features/keys/hooks.ts). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KeyPolicy } from '@shared/http/api-keys';
import type { PolicyView } from '@shared/ipc/contract';
import { call } from '../../lib/ipc';
import { queryKeys } from '../../lib/query-keys';

/** Errors are the caller's: the page puts VALIDATION on its fields and says why it can't save. */
export function useSetKeyPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (policy: KeyPolicy) => call('policy:set', policy),
    // The create dialog reads this query: from now on it offers what the new policy allows.
    onSuccess: (view) => client.setQueryData<PolicyView>(queryKeys.policy, view),
  });
}
