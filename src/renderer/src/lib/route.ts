/**
 * A few pages need no router: the hash holds the current page so links are real links (middle-click
 * and screen-reader link lists work) and a reload keeps the page. Switching profile reloads the window,
 * which main does; nothing here survives that.
 *
 * PAGES is the one list of the Admin pages, in the sidebar's order: the sidebar's links, their
 * shortcuts and the URL hash all read it (which component draws a page: app-pages.tsx).
 */
import { useSyncExternalStore } from 'react';
import type { ShortcutId } from './shortcuts';

export const PAGES = [
  { id: 'keys', href: '#/admin/api-keys', label: 'API keys', shortcut: 'keysPage' },
  { id: 'identify', href: '#/admin/identify-leaked-keys', label: 'Identify leaked keys' },
  { id: 'roles', href: '#/admin/roles', label: 'Roles', shortcut: 'rolesPage' },
  { id: 'policy', href: '#/admin/key-policy', label: 'Key policy' },
  { id: 'audit', href: '#/admin/audit-log', label: 'Audit log' },
] as const satisfies readonly { id: string; href: string; label: string; shortcut?: ShortcutId }[];

export type Page = (typeof PAGES)[number]['id'];
export type PageEntry = { id: Page; href: string; label: string; shortcut?: ShortcutId };

/** The page shown for an unknown or empty hash. */
const HOME: Page = 'keys';

export const PAGE_HREF = Object.fromEntries(PAGES.map((page) => [page.id, page.href])) as Record<Page, string>;

function currentPage(): Page {
  return PAGES.find((page) => page.href === window.location.hash)?.id ?? HOME;
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function usePage(): Page {
  return useSyncExternalStore(subscribeToHash, currentPage, () => HOME);
}

export function goTo(page: Page): void {
  window.location.hash = PAGE_HREF[page];
}
