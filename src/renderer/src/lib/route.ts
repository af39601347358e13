/**
 * Two pages need no router: the hash holds the current page so links are real links (middle-click
 * and screen-reader link lists work) and a reload keeps the page. Switching profile reloads the window,
 * which main does; nothing here survives that.
 */
import { useSyncExternalStore } from 'react';

export type Page = 'keys' | 'roles' | 'audit';

export const PAGE_HREF: Record<Page, string> = { keys: '#/admin/api-keys', roles: '#/admin/roles', audit: '#/admin/audit-log' };

function currentPage(): Page {
  if (window.location.hash === PAGE_HREF.roles) return 'roles';
  if (window.location.hash === PAGE_HREF.audit) return 'audit';
  return 'keys';
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
