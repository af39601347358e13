/**
 * TanStack Query hooks over the keys channels. Main's `keys:changed` event keeps them fresh after
 * changes made here or by a sync; the list also refreshes itself (KEYS_REFRESH_MS) for changes made
 * elsewhere, which main's periodic refresh does not announce.
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CAPABILITIES } from '@shared/capabilities';
import type { KeyRow, KeysView, NewKeyInput } from '@shared/ipc/contract';
import { call } from '../../lib/ipc';
import { invalidate, queryKeys } from '../../lib/query-keys';
import { reportError } from '../../lib/report-error';

/**
 * How often the open keys page asks main for the list again, so "Last used" (and keys revoked by
 * another admin) show up without a click. Paused while the window is hidden (TanStack's default).
 */
export const KEYS_REFRESH_MS = 20_000;

export function useKeys() {
  return useQuery({ queryKey: queryKeys.keys, queryFn: () => call('keys:list', {}), refetchInterval: KEYS_REFRESH_MS });
}

export function useKeyDetails(id: string | null, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.keyDetails(id ?? ''),
    queryFn: () => call('keys:details', { id: id ?? '' }),
    enabled: id !== null,
    refetchInterval: options.refetchInterval,
  });
}

/**
 * The key policy new keys must satisfy, read again each time the create dialog opens (main answers
 * from its cache when offline, saying so).
 */
export function usePolicy() {
  return useQuery({ queryKey: queryKeys.policy, queryFn: () => call('policy:get', {}), staleTime: 0 });
}

/** The catalog from main, with the shared one as placeholder so labels never flash empty. */
export function useCatalog() {
  return useQuery({
    queryKey: queryKeys.catalog,
    queryFn: () => call('catalog:capabilities', {}),
    placeholderData: { items: CAPABILITIES.map((c) => ({ ...c, roles: [...c.roles] })) },
    staleTime: Infinity,
  });
}

function upsertRow(view: KeysView | undefined, row: KeyRow): KeysView | undefined {
  if (!view) return view;
  // A list fetched while the create was on its way holds the key under its local id, as a pending
  // create with the same hint: that row and the server's are the same key, so keep only the newer.
  const others = view.keys.filter((key) => !(key.id !== row.id && key.pending?.action === 'create' && key.hint === row.hint));
  const index = others.findIndex((key) => key.id === row.id);
  const keys = index === -1 ? [row, ...others] : others.map((key, i) => (i === index ? row : key));
  return { ...view, keys };
}

/** Errors are handled by the caller: the create form maps VALIDATION issues onto its fields. */
export function useCreateKey() {
  const client = useQueryClient();
  return useMutation({
    // The result carries the new secret: drop it from the mutation cache as soon as nothing observes it.
    gcTime: 0,
    mutationFn: (input: NewKeyInput & { oldKeyId?: string }) =>
      input.oldKeyId ? call('keys:rotate', { ...input, oldKeyId: input.oldKeyId }) : call('keys:create', input),
    onSuccess: (created) => {
      client.setQueryData<KeysView>(queryKeys.keys, (view) => upsertRow(view, created.key));
      invalidate.keysList(client);
    },
  });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('keys:revoke', { id }),
    onSuccess: (row) => {
      client.setQueryData<KeysView>(queryKeys.keys, (view) => upsertRow(view, row));
      invalidate.key(client, row.id);
    },
  });
}

/** What a revoke did, in words: a queued revoke leaves the key as it is (working, or still suspended). */
export function revokedMessage(row: KeyRow): string {
  if (!row.pending) return `“${row.name}” is revoked.`;
  const until = row.status === 'suspended' ? 'stays suspended' : 'still works';
  return `Revocation pending: “${row.name}” ${until} until RakerOne Admin reconnects.`;
}

/**
 * Revokes a key, then says what happened — revoked, or pending and still working until the app
 * reconnects — and calls `onDone`. Errors go to the shared error report. Used by the revoke dialog
 * and by rotation's "Revoke old key".
 */
export function useRevokeWithNotice(onDone: () => void) {
  const client = useQueryClient();
  const revoke = useRevokeKey();
  const run = (id: string) =>
    revoke.mutate(id, {
      onSuccess: (row) => {
        notifications.show({
          message: revokedMessage(row),
          closeButtonProps: { 'aria-label': 'Dismiss notification' },
        });
        onDone();
      },
      onError: (error) => reportError(error, client),
    });
  return { run, isPending: revoke.isPending };
}
