/**
 * Server profiles (URL, organization, who signed in) in userData/profiles.json — never the token,
 * which lives in the keychain bound to the profile's server (secrets/token-vault.ts).
 *
 * The file is re-validated when read, with the same server-URL rule as input (https anywhere, http
 * only to this computer; the local server's profile only on this computer): another process of the
 * same user can edit it. A profile that fails is not used (nothing is sent to its address) and is
 * reported in `rejected` with the reason, so the app can say why; the next write leaves it out.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ProfileSchema, type Profile } from '../../shared/ipc/contract.js';
import { isLoopbackHost, ServerUrlSchema } from '../../shared/ipc/server-url.js';
import type { FileStore, Logger } from '../ports.js';
import { serializedDocument } from './serialized-document.js';
import { versionedJson } from './versioned-json.js';

const ProfilesFileSchema = z.object({
  activeId: z.string().nullable(),
  /** Each entry is validated on its own (StoredProfileSchema), so one bad entry does not hide the others. */
  profiles: z.array(z.unknown()),
});

const StoredProfileSchema = ProfileSchema.extend({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a profile id'),
  serverUrl: ServerUrlSchema,
}).refine((p) => !p.isLocal || isLoopbackHost(new URL(p.serverUrl).hostname), {
  message: 'the local server profile must point at this computer',
  path: ['serverUrl'],
});

export interface RejectedProfile {
  id: string | null;
  serverUrl: string | null;
  reason: string;
}

export interface ProfilesFile {
  activeId: string | null;
  profiles: Profile[];
  /** Stored entries that failed validation when read (never written back). */
  rejected?: RejectedProfile[];
}

function validated(file: z.output<typeof ProfilesFileSchema>, logger: Logger): ProfilesFile {
  const profiles: Profile[] = [];
  const rejected: RejectedProfile[] = [];
  for (const entry of file.profiles) {
    const parsed = StoredProfileSchema.safeParse(entry);
    if (parsed.success) {
      profiles.push(parsed.data);
      continue;
    }
    const raw = (entry ?? {}) as { id?: unknown; serverUrl?: unknown };
    const issue = parsed.error.issues[0];
    const reason = `${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'not valid'}`;
    rejected.push({
      id: typeof raw.id === 'string' ? raw.id : null,
      serverUrl: typeof raw.serverUrl === 'string' ? raw.serverUrl.slice(0, 200) : null,
      reason,
    });
    logger.error('A stored server profile is not valid and was not used', { profileId: typeof raw.id === 'string' ? raw.id.slice(0, 100) : null, reason });
  }
  return { activeId: file.activeId, profiles, rejected };
}

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
  const serialized = serializedDocument<ProfilesFile>({
    read: async () => validated(await doc.read(), options.logger),
    write: ({ activeId, profiles }) => doc.write({ activeId, profiles }),
  });
  return { read: serialized.read, update: serialized.update };
}

export function findProfile(file: ProfilesFile, id: string | null): Profile | null {
  return (id && file.profiles.find((p) => p.id === id)) || null;
}
