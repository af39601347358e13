/**
 * Admin tokens in the keychain, each bound to the server it was issued for: the keychain account is
 * the profile id followed by the server's origin (`<id> https://rakerone.example.com`), so a token is
 * only ever read for the origin it was saved with. If profiles.json is edited to point a profile at
 * another server, the lookup for that origin finds nothing and the token is never sent there.
 * The embedded local server's profile is bound to "this computer" instead (account
 * `local (this computer)`): it listens on a new loopback port each run, and its stored URL must be a
 * loopback one (profile-store.ts).
 *
 * Both kinds carry their binding after the id, so no account of one kind can be read for a profile
 * of the other: flipping `isLocal` in profiles.json changes the account looked up, and finds nothing.
 *
 * Tokens saved by earlier versions (account = the profile id alone, for remote and local profiles
 * alike) are never read: which server they belong to, or even whether it was the local one, cannot be
 * proven any more (a remote profile's entry would otherwise follow a profile edited to `isLocal: true`
 * to any loopback listener). The admin is asked to sign in again, once, with a message saying why;
 * signing in replaces the old entry. The local server's profile mints a new token instead
 * (local-service.ts asks `has` first).
 */
import { AppError } from '../../shared/errors.js';
import type { Profile } from '../../shared/ipc/contract.js';
import type { SecretStore } from '../ports.js';

type Bound = Pick<Profile, 'id' | 'serverUrl' | 'isLocal'>;

/** What follows the id in a local profile's account; never an origin, so never a remote account. */
export const LOCAL_BINDING = '(this computer)';

export function tokenAccountOf(profile: Bound): string {
  return `${profile.id} ${profile.isLocal ? LOCAL_BINDING : new URL(profile.serverUrl).origin}`;
}

export interface TokenVault {
  save(profile: Bound, token: string): Promise<void>;
  /** The token bound to this profile's server; a clear VALIDATION error if there is none. */
  read(profile: Bound): Promise<string>;
  /** True if a token bound to this profile's server is stored. */
  has(profile: Bound): Promise<boolean>;
  remove(profile: Bound): Promise<void>;
}

export function createTokenVault(secrets: SecretStore): TokenVault {
  // Profile ids hold no space (profile-store.ts), so the bare id is never a bound account.
  const legacyAccount = (profile: Bound) => profile.id;
  return {
    async save(profile, token) {
      await secrets.set(tokenAccountOf(profile), token);
      await secrets.delete(legacyAccount(profile));
    },
    async read(profile) {
      const token = await secrets.get(tokenAccountOf(profile));
      if (token) return token;
      const origin = profile.isLocal ? 'the local server' : new URL(profile.serverUrl).origin;
      if (await secrets.get(legacyAccount(profile))) {
        throw new AppError(
          'VALIDATION',
          `RakerOne Admin now ties each admin token to its server, and the token for ${origin} was saved by an earlier version. Sign in again to keep using it.`,
        );
      }
      // A locked Secret Service collection reads as "nothing saved" (libsecret answers null without a
      // prompter), so the hint names that case too.
      throw new AppError(
        'VALIDATION',
        `No admin token is saved for ${origin}. If this server address was changed outside RakerOne Admin, the token saved for this profile was not sent there. Sign in again.`,
        { hint: 'If your system keychain is locked, unlock it, then restart RakerOne Admin.' },
      );
    },
    async has(profile) {
      return (await secrets.get(tokenAccountOf(profile))) !== null;
    },
    async remove(profile) {
      await secrets.delete(tokenAccountOf(profile));
      await secrets.delete(legacyAccount(profile));
    },
  };
}
