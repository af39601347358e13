/** The window: header with the always-visible connection state, sidebar with profile and Admin pages. */
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys, useMediaQuery, type HotkeyItem } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import type { ConnectionState, SyncState } from '@shared/ipc/contract';
import { PAGES, goTo, type Page, type PageEntry } from '../../lib/route';
import { SHORTCUTS, ariaKeyShortcut, shortcutLabel } from '../../lib/shortcuts';
import { ConnectionStatus } from '../connection/connection-status';
import { FailedActions } from '../connection/failed-actions';
import { UnreadableNotice } from '../connection/unreadable-notice';
import { useSyncNow } from '../connection/hooks';
import { useKeyFlow } from '../keys/flow/key-flow';
import { ProfileMenu } from './profile-menu';
import { ShortcutsHelp } from './shortcuts-help';

/**
 * Below Mantine's `md` breakpoint (62em, 992 px: a window near the app's minimum of 800 px) the sidebar
 * folds away behind a menu button and opens over the page, so the page keeps the whole width.
 */
const SIDEBAR_BREAKPOINT = 'md';
const NARROW_QUERY = '(max-width: 61.99em)';

interface Props {
  connection: ConnectionState;
  sync: SyncState | undefined;
  page: Page;
  isAdmin: boolean;
  children: ReactNode;
}

export function AppLayout({ connection, sync, page, isAdmin, children }: Props) {
  const [helpOpen, setHelpOpen] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const narrow = useMediaQuery(NARROW_QUERY, false) ?? false;
  // Folded away it is off screen: inert, so Tab never lands on links nobody can see.
  const sidebarHidden = narrow && !sidebarOpen;
  const closeSidebar = () => setSidebarOpen(false);
  const syncNow = useSyncNow();
  // While the create / copy / rotate dialog is up, no hotkey acts on what is underneath it.
  const locked = useKeyFlow().open;

  useHotkeys(
    [
      ...PAGES.flatMap((entry: PageEntry): HotkeyItem[] => (entry.shortcut ? [[SHORTCUTS[entry.shortcut].hotkey, () => !locked && goTo(entry.id)]] : [])),
      [SHORTCUTS.syncNow.hotkey, () => !locked && syncNow.mutate()],
    ],
    [],
  );
  useHotkeys([[SHORTCUTS.help.hotkey, () => !locked && setHelpOpen(true)]]);
  // Not preventDefault: Escape also closes popovers and dialogs, which must still see it.
  useHotkeys([['Escape', closeSidebar, { preventDefault: false }]]);

  // The sidebar is 224 px: the profile card and the longest link ("Identify leaked keys") fit; every
  // pixel more is the keys table's, whose Permissions column needs ~340 px for three badges at 1280 px.
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 224, breakpoint: SIDEBAR_BREAKPOINT, collapsed: { mobile: !sidebarOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              hiddenFrom={SIDEBAR_BREAKPOINT}
              size="sm"
              opened={sidebarOpen}
              onClick={() => setSidebarOpen((open) => !open)}
              aria-label={sidebarOpen ? 'Hide sidebar' : 'Show sidebar'}
              aria-expanded={sidebarOpen}
              aria-controls="rk-sidebar"
            />
            <Text fw={700} size="md" component="span">
              RakerOne Admin
            </Text>
          </Group>
          <ConnectionStatus connection={connection} sync={sync} />
        </Group>
      </AppShell.Header>
      {/* Mantine draws the navbar as a <nav>: with the Admin <nav> inside, that was two nested
          navigation landmarks. The sidebar (profile, Admin pages, shortcuts) is an <aside> instead,
          so the Admin links are the one navigation landmark and nothing sits outside a landmark. */}
      <AppShell.Navbar
        p="sm"
        component="aside"
        aria-label="Sidebar"
        id="rk-sidebar"
        className="rk-sidebar"
        inert={sidebarHidden}
        onClick={(event) => {
          // Choosing a page closes the folded sidebar, as a menu does.
          if ((event.target as HTMLElement).closest('a')) closeSidebar();
        }}
      >
        <Stack gap="md" h="100%">
          <ProfileMenu connection={connection} />
          {isAdmin && (
            <nav aria-labelledby="nav-admin">
              {/* variant="light" explicitly: only then does NavLink use the theme's AA-contrast colours (also on hover). */}
              <Title order={2} size="xs" tt="uppercase" c="dimmed" px="sm" mb={4} id="nav-admin">
                Admin
              </Title>
              {PAGES.map((entry: PageEntry) => (
                <NavLink
                  key={entry.id}
                  component="a"
                  variant="light"
                  href={entry.href}
                  label={entry.label}
                  active={page === entry.id}
                  aria-current={page === entry.id ? 'page' : undefined}
                  aria-keyshortcuts={entry.shortcut ? ariaKeyShortcut(entry.shortcut) : undefined}
                  title={entry.shortcut ? `${entry.label} (${shortcutLabel(entry.shortcut)})` : undefined}
                />
              ))}
            </nav>
          )}
          <div style={{ flex: 1 }} />
          <Tooltip label={shortcutLabel('help')}>
            <Button variant="subtle" size="xs" onClick={() => setHelpOpen(true)} aria-keyshortcuts="Shift+?">
              Keyboard shortcuts
            </Button>
          </Tooltip>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main className="rk-main">
        <UnreadableNotice sync={sync} />
        <FailedActions sync={sync} />
        {children}
      </AppShell.Main>
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </AppShell>
  );
}
