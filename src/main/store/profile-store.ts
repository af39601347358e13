/**
 * Server profiles (URL, organization, who signed in) in userData/profiles.json — never the token,
 * which lives in the keychain under the profile's id.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ProfileSchema, type Profile } from '../../shared/ipc/contract.js';
import type { FileStore, Logger } from '../ports.js';
import { serializedDocument } from './serialized-document.js';
import { versionedJson } from './versioned-json.js';

const ProfilesFileSchema = z.object({
  activeId: z.string().nullable(),
  profiles: z.array(ProfileSchema),
});
export type ProfilesFile = z.infer<typeof ProfilesFileSchema>;

export interface ProfileStore {
  read(): Promise<ProfilesFile>;
  /** Applies `change` to the latest content and writes it; changes are serialized. */
  update(change: (current: ProfilesFile) => ProfilesFile): Promise<ProfilesFile>;
}

export function createProfileStore(options: { dir: string; files: FileStore; logger: Logger; now: () => number }): ProfileStore {
  const doc = versionedJson({
    files: options.files,
    path: join(options.dir, 'profiles.json'),
    version: 1,
    schema: ProfilesFileSchema,
    empty: () => ({ activeId: null, profiles: [] }),
    logger: options.logger,
    now: options.now,
  });
  const serialized = serializedDocument(doc);
  return { read: serialized.read, update: serialized.update };
}

export function findProfile(file: ProfilesFile, id: string | null): Profile | null {
  return (id && file.profiles.find((p) => p.id === id)) || null;
}
