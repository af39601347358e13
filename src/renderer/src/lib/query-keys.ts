/**
 * Every TanStack Query key of the renderer, and the invalidations more than one place makes. Features
 * read and write the cache only through these names, so "what a change refreshes" is decided here once.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { AuditFilterInput } from '@shared/ipc/audit';

export const queryKeys = {
  connection: ['connection'] as const,
  sync: ['sync'] as const,
  me: ['me'] as const,
  profiles: ['profiles'] as const,
  catalog: ['catalog'] as const,
  keys: ['keys'] as const,
  policy: ['policy'] as const,
  keyDetails: (id: string) => ['key-details', id] as const,
  keyDetailsAll: ['key-details'] as const,
  /** With the key's lastUsedAt: a use moves it, so the drawer asks main again (features/activity). */
  keyActivity: (id: string, lastUsedAt: string | null) => ['key-activity', id, lastUsedAt] as const,
  keyActivityAll: ['key-activity'] as const,
  audit: (filter: AuditFilterInput) => ['audit', filter] as const,
  auditAll: ['audit'] as const,
};

/** What a change refreshes (marks stale; the queries on screen load again). */
export const invalidate = {
  /** A new sign-in, profile or connection status: who we are and what we may see. */
  session(client: QueryClient): void {
    void client.invalidateQueries({ queryKey: queryKeys.me });
    void client.invalidateQueries({ queryKey: queryKeys.keys });
    void client.invalidateQueries({ queryKey: queryKeys.profiles });
  },
  /** The list only (a create, a dismissed failure: no key's details changed). */
  keysList(client: QueryClient): void {
    void client.invalidateQueries({ queryKey: queryKeys.keys });
  },
  /** One key changed: the list and that key's details. */
  key(client: QueryClient, id: string): void {
    void client.invalidateQueries({ queryKey: queryKeys.keys });
    void client.invalidateQueries({ queryKey: queryKeys.keyDetails(id) });
  },
  /** Any keys may have changed (main's keys:changed, a bulk revoke): the list and every key's details and activity. */
  allKeys(client: QueryClient): void {
    void client.invalidateQueries({ queryKey: queryKeys.keys });
    void client.invalidateQueries({ queryKey: queryKeys.keyDetailsAll });
    void client.invalidateQueries({ queryKey: queryKeys.keyActivityAll });
  },
  /** Every filter's audit log. */
  audit(client: QueryClient): void {
    void client.invalidateQueries({ queryKey: queryKeys.auditAll });
  },
};
