/**
 * The projects of an organization, cached per organization for a few seconds, because `GET /api/me`
 * lists them on every call and it must stay as cheap as authentication. Safe to cache: projects are
 * not security state (who may do what is decided by the credential and its capabilities, looked up
 * fresh on every request), and a project added on another node shows up here within `ttlMs`.
 */
import type { Clock } from '../../lib/clock.js';
import { type HotQueries, type MaybePromise, type ProjectRow, isPromise } from '../../db/database.js';

export interface ProjectsCache {
  /** The list itself when it is cached (or the store answers synchronously), else a promise of it. */
  projectsOf(organizationId: string): MaybePromise<ProjectRow[]>;
}

/** Organizations remembered at once; beyond it the oldest entry is dropped. */
const MAX_ORGANIZATIONS = 10_000;

export function createProjectsCache(deps: { hot: Pick<HotQueries, 'projectsOf'>; clock: Clock; ttlMs: number }): ProjectsCache {
  const { hot, clock, ttlMs } = deps;
  const entries = new Map<string, { at: number; projects: MaybePromise<ProjectRow[]> }>();
  return {
    projectsOf(organizationId) {
      const now = clock.now();
      const entry = entries.get(organizationId);
      if (entry && now - entry.at < ttlMs) return entry.projects;
      const projects = hot.projectsOf(organizationId);
      if (!entry && entries.size >= MAX_ORGANIZATIONS) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      const fresh = { at: now, projects };
      entries.set(organizationId, fresh);
      if (isPromise(projects)) {
        // The promise is cached, so concurrent misses share one query; once it settles, the list
        // itself is kept (later hits answer without a promise), and a failed query is not kept.
        projects.then(
          (list) => {
            if (entries.get(organizationId) === fresh) fresh.projects = list;
          },
          () => {
            if (entries.get(organizationId) === fresh) entries.delete(organizationId);
          },
        );
      }
      return projects;
    },
  };
}
