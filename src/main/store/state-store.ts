/**
 * The per-profile document (key cache + outbox) at userData/state/<profileId>.json. All changes go
 * through `update`, serialized per profile, each one a single atomic write: a crash between two
 * updates loses nothing that was acknowledged, and never leaves half of one.
 */
import { join } from 'node:path';
import type { FileStore, Logger } from '../ports.js';
import { emptyProfileState, ProfileStateSchema, STATE_VERSION, type ProfileState } from './profile-state.js';
import { serializedDocument, type SerializedDocument } from './serialized-document.js';
import { versionedJson } from './versioned-json.js';

export interface StateStore {
  read(profileId: string): Promise<ProfileState>;
  update(profileId: string, change: (current: ProfileState) => ProfileState): Promise<ProfileState>;
  /** One serialized, atomic change that also computes a result for the caller. */
  transact<R>(profileId: string, change: (current: ProfileState) => { next: ProfileState; result: R }): Promise<R>;
  /** Forgets a profile's cache and queue (used when its profile is removed). */
  remove(profileId: string): Promise<void>;
  /**
   * The id of a stored state of this organization that no profile refers to (its profile was lost
   * with an unreadable profiles file), so signing in again resumes its cache and queue; or null.
   */
  findOrphan(organizationId: string, profileIds: readonly string[]): Promise<string | null>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function createStateStore(options: { dir: string; files: FileStore; logger: Logger; now: () => number }): StateStore {
  const docs = new Map<string, SerializedDocument<ProfileState>>();
  const pathOf = (profileId: string) => {
    // Profile ids are ours (UUIDs or "local"), but they name a file: refuse anything path-like.
    if (!SAFE_ID.test(profileId)) throw new Error('Invalid profile id');
    return join(options.dir, 'state', `${profileId}.json`);
  };
  const slot = (profileId: string) => {
    let entry = docs.get(profileId);
    if (!entry) {
      const doc = versionedJson({
        files: options.files,
        path: pathOf(profileId),
        version: STATE_VERSION,
        schema: ProfileStateSchema,
        empty: emptyProfileState,
        recover: (unreadable) => ({ ...emptyProfileState(), unreadable }),
        logger: options.logger,
        now: options.now,
      });
      entry = serializedDocument(doc);
      docs.set(profileId, entry);
    }
    return entry;
  };
  const read = (profileId: string) => slot(profileId).read();
  return {
    read,
    update: (profileId, change) => slot(profileId).update(change),
    transact: (profileId, change) => slot(profileId).transact(change),
    async findOrphan(organizationId, profileIds) {
      const ids = (await options.files.list(join(options.dir, 'state')))
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .filter((id) => SAFE_ID.test(id) && !profileIds.includes(id))
        .sort();
      for (const id of ids) {
        const state = await read(id);
        if (state.me?.organization.id === organizationId) return id;
      }
      return null;
    },
    async remove(profileId) {
      const entry = slot(profileId);
      await entry.settled();
      await options.files.remove(pathOf(profileId));
      docs.delete(profileId);
    },
  };
}
