/**
 * Admin → API keys: the table, its search and filters, and the revoke and details dialogs. Create and
 * rotate are started here but drawn by the flow's owner at the app root (key-flow.tsx), so this page
 * going away (another page, a failed refresh, no access) never takes a new key off screen.
 */
import { Anchor, Button, Group, Loader, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { PageError } from '../../components/page-error';
import { markReady } from '../../lib/ipc';
import { PAGE_HREF } from '../../lib/route';
import { SHORTCUTS, ariaKeyShortcut, shortcutLabel } from '../../lib/shortcuts';
import { EndingSoonBanner } from './reminders/ending-soon-banner';
import { onOpenKeyRequest } from './reminders/open-key-request';
import { useKeys } from './hooks';
import { KeyDetailsDrawer } from './details/key-details-drawer';
import { useKeyFlow } from './flow/key-flow';
import { KeysBrowser } from './keys-browser';
import { KeysEmpty } from './table/keys-empty';
import { RevokeDialog } from './revoke/revoke-dialog';
import { ContainmentDialogs } from './suspend/containment-dialogs';

const NO_KEYS: KeyRow[] = [];

export function KeysPage({ offline }: { offline: boolean }) {
  const keysQuery = useKeys();
  const keyFlow = useKeyFlow();
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);

  const keys = keysQuery.data?.keys;
  const detailsKey = detailsId ? (keys?.find((key) => key.id === detailsId) ?? null) : null;
  // The open key can leave the list (a queued key gets its server id, another admin's change): its
  // drawer is gone, so forget the id rather than leave the page believing a dialog is open.
  if (detailsId !== null && keys && detailsKey === null) setDetailsId(null);
  // The create / copy / rotate flow lives at the app root; while it is open the page's hotkeys do nothing.
  const dialogOpen = keyFlow.open || revoking !== null || detailsKey !== null;

  useEffect(() => {
    if (keysQuery.data) markReady();
  }, [keysQuery.data]);

  // A reminder notification's click (key:open) opens that key's details.
  useEffect(() => onOpenKeyRequest(setDetailsId), []);

  const { start } = keyFlow;
  const openCreate = useCallback(() => start({ mode: 'create' }), [start]);
  useHotkeys(
    [
      [SHORTCUTS.createKey.hotkey, () => !dialogOpen && keys && openCreate()],
      [SHORTCUTS.search.hotkey, () => !dialogOpen && searchRef.current?.focus()],
    ],
    [],
  );

  const onOpen = useCallback((key: KeyRow) => setDetailsId(key.id), []);
  const onRevoke = useCallback((key: KeyRow) => setRevoking(key), []);

  const cached = offline && keysQuery.data?.source === 'cache';
  // Built once per change of what they show, not per keystroke: the browser redraws the header with
  // each search (its Export menu exports what the search shows), and an element that is the same
  // object as last time is not rendered again (the reminder banner reads every key).
  const headerParts = useMemo(
    () => ({
      title: (
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2">
            API keys
          </Title>
          <Text size="sm" c="dimmed">
            Badges show which permissions a key has. For what each one means, see{' '}
            <Anchor href={PAGE_HREF.roles} inherit>
              Roles and permissions
            </Anchor>
            .
          </Text>
        </div>
      ),
      create: (
        <Tooltip label={`Create API key (${shortcutLabel('createKey')})`}>
          {/* Never shrinks: the description beside it wraps instead, so the label is never cut. */}
          <Button ref={createRef} onClick={openCreate} aria-keyshortcuts={ariaKeyShortcut('createKey')} disabled={!keys}>
            Create API key
          </Button>
        </Tooltip>
      ),
      notes: (
        <>
          {cached && (
            <Text size="sm" role="note">
              You're offline: this is the list as of the last sync. Changes you make are queued and sent when RakerOne Admin reconnects.
            </Text>
          )}
          {/* Never squeezed by the table below it (its list was cut mid-line): the table gives way instead. */}
          {keys && (
            <div style={{ flexShrink: 0 }}>
              <EndingSoonBanner keys={keys} onOpen={onOpen} />
            </div>
          )}
        </>
      ),
    }),
    [cached, keys, onOpen, openCreate],
  );
  // The header and what is said above the list; the browser passes its Export menu (the rows its
  // search and filters show), which sits beside Create API key.
  const header = useCallback(
    (exportMenu?: ReactNode) => (
      <>
        <Group justify="space-between" align="center" wrap="nowrap" gap="sm">
          {headerParts.title}
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {exportMenu}
            {headerParts.create}
          </Group>
        </Group>
        {headerParts.notes}
      </>
    ),
    [headerParts],
  );

  if (keysQuery.isError) return <PageError title="API keys" error={keysQuery.error} onRetry={() => void keysQuery.refetch()} />;

  return (
    <Stack gap="sm" className="rk-page">
      {/* Always the browser, so the header (Create API key) stays the same element from loading to the
          list: a button found, or focused, while loading is the one that works once the keys are in. */}
      <KeysBrowser
        ref={searchRef}
        keys={keys ?? NO_KEYS}
        syncedAt={keysQuery.data?.syncedAt ?? null}
        activityFetchedAt={keysQuery.data?.activityFetchedAt ?? null}
        onOpen={onOpen}
        onRevoke={onRevoke}
        offline={offline}
        header={header}
        instead={
          !keys ? (
            <Group justify="center" p="xl">
              <Loader aria-label="Loading API keys" />
            </Group>
          ) : keys.length === 0 ? (
            <KeysEmpty onCreate={openCreate} />
          ) : null
        }
      />

      {revoking && <RevokeDialog target={revoking} offline={offline} onClose={() => setRevoking(null)} />}
      <ContainmentDialogs offline={offline} />
      {detailsKey && !keyFlow.open && !revoking && (
        <KeyDetailsDrawer
          keyRow={detailsKey}
          onClose={() => setDetailsId(null)}
          onRotate={(key) => {
            setDetailsId(null);
            start({ mode: 'rotate', from: key });
          }}
          onNarrow={(key, narrowTo) => {
            setDetailsId(null);
            start({ mode: 'rotate', from: key, narrowTo });
          }}
          onRevoke={(key) => {
            setDetailsId(null);
            setRevoking(key);
          }}
        />
      )}
    </Stack>
  );
}
