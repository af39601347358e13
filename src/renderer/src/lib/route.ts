/**
 * A few pages need no router: the hash holds the current page so links are real links (middle-click
 * and screen-reader link lists work) and a reload keeps the page. Switching profile reloads the window,
 * which main does; nothing here survives that.
 */
import { useSyncExternalStore } from 'react';

export type Page = 'keys' | 'roles' | 'policy' | 'identify' | 'audit';

export const PAGE_HREF: Record<Page, string> = { keys: '#/admin/api-keys', roles: '#/admin/roles', policy: '#/admin/key-policy', identify: '#/admin/identify-leaked-keys', audit: '#/admin/audit-log' };

function currentPage(): Page {
  const found = (Object.keys(PAGE_HREF) as Page[]).find((page) => PAGE_HREF[page] === window.location.hash);
  return found ?? 'keys';
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function usePage(): Page {
  return useSyncExternalStore(subscribeToHash, currentPage, () => 'keys');
}

export function goTo(page: Page): void {
  window.location.hash = PAGE_HREF[page];
}
