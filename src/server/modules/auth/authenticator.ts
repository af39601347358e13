/**
 * Turns the Authorization (and X-RakerOne-Act-As) headers into a Principal, or an AppError. It
 * composes the concerns, each in its own file: Bearer parsing (bearer.ts), the memo caches
 * (credential-cache.ts, capabilities-memo.ts), the principals (principals.ts), impersonation
 * (impersonation.ts), first use (first-use.ts) and validity in time (validity.ts).
 *
 * Order matters for cost and for what a failure reveals: the format check rejects malformed values
 * without touching the database; a well-formed value costs one read of the revocation epoch, and
 * when this process proved the same credential under that same epoch (credential-cache.ts) that is
 * all; otherwise one indexed lookup by SHA-256 (revoked rows are excluded by that query) which also
 * reads the epoch. Either way a revocation committed anywhere applies to the very next request on
 * every process and node. Impersonation is checked only after the key is proven, and never cached.
 */
import { AppError } from '../../../shared/errors.js';
import { hashSecret } from '../../../shared/key-format.js';
import { type ApiKeyAuthRow, type HotQueries, type MaybePromise, type PersonAuthRow, isPromise } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { PeopleRepository } from '../people/people-repository.js';
import type { RequestOrigin } from './address-check.js';
import { parseBearer } from './bearer.js';
import { createCapabilitiesMemo } from './capabilities-memo.js';
import { type CachedCredential, createCredentialCache } from './credential-cache.js';
import { createFirstUse } from './first-use.js';
import { asPerson, createImpersonation } from './impersonation.js';
import type { LastUsedTracker } from './last-used-tracker.js';
import { type KeyEntry, type PersonEntry, keyEntry, personEntry } from './principals.js';
import type { ApiKeyPrincipal, PersonPrincipal, Principal } from './principal.js';
import { INVALID, timedOut } from './validity.js';

export interface Authenticator {
  /** `origin`: where the request came from (the request itself); absent, a key with allowed addresses is refused. */
  authenticate(authorization: string | undefined, actAs: string | undefined, origin?: RequestOrigin): Promise<Principal>;
  /**
   * The same, for the request hook: a refusal found before any read is thrown synchronously; else
   * a promise (the principal itself only if the store answered the epoch synchronously).
   */
  verify(authorization: string | undefined, actAs: string | undefined, origin?: RequestOrigin): MaybePromise<Principal>;
  /** Credentials held by the cache (for tests and diagnostics). */
  cachedCredentials(): number;
}

export interface AuthenticatorDeps {
  hot: HotQueries;
  people: Pick<PeopleRepository, 'findInOrganization'>;
  lastUsed: LastUsedTracker;
  clock: Clock;
  keyTimes: {
    /** Records a key's first use if none is yet (repository `recordFirstUse`). */
    recordFirstUse(apiKeyId: string, at: string): Promise<unknown>;
    /** A key was refused because its scheduled retirement is due: write it (retirements.ts). */
    retirementDue(organizationId: string, apiKeyId: string): void;
  };
  /** Credentials kept per process (least recently used dropped first). Default 10,000. */
  cacheSize?: number;
}

export function createAuthenticator({ hot, people, lastUsed, clock, keyTimes, cacheSize = 10_000 }: AuthenticatorDeps): Authenticator {
  // Reads that may see uncommitted writes (in-memory SQLite) prove nothing: no cache there.
  const size = hot.readsCommittedOnly ? cacheSize : 0;
  const keys = createCredentialCache<KeyEntry>(size);
  const tokens = createCredentialCache<PersonEntry>(size);
  const capabilitiesOf = createCapabilitiesMemo();
  const buildKeyEntry = (row: ApiKeyAuthRow) => keyEntry(row, capabilitiesOf);
  const firstUse = createFirstUse({ clock, recordFirstUse: keyTimes.recordFirstUse });
  const asImpersonatingKey = createImpersonation({ people, lastUsed });

  function asApiKey(entry: KeyEntry, actAs: string | undefined, origin: RequestOrigin | undefined): MaybePromise<ApiKeyPrincipal> {
    // Before anything that counts as a use (first use, last used, impersonation): a request from
    // outside the key's allowed addresses did not use it.
    entry.addressCheck?.(origin);
    const recording = firstUse.record(entry.row);
    if (recording) return recording.then(() => asApiKey(entry, actAs, origin));
    if (actAs === undefined) {
      lastUsed.touch(entry.row.id, entry.row.last_used_at);
      return entry.principal;
    }
    return asImpersonatingKey(entry, actAs);
  }

  /** A freshly looked-up row (or none): remembered when it is valid now, refused otherwise. */
  function proven<Row extends ApiKeyAuthRow | PersonAuthRow, Entry>(
    cache: ReturnType<typeof createCredentialCache<Entry & object>>,
    hash: string,
    row: Row | undefined,
    build: (row: Row) => CachedCredential<Entry & object>,
  ): Entry {
    if (!row) throw new AppError('UNAUTHORIZED', INVALID);
    const entry = build(row);
    const nowMs = clock.now();
    if (nowMs >= entry.validUntil) throw 'expires_at' in row ? timedOut(row, nowMs, keyTimes.retirementDue) : new AppError('UNAUTHORIZED', INVALID);
    cache.remember(hash, entry);
    return entry.row;
  }

  function keyFor(hash: string, epoch: number, actAs: string | undefined, origin: RequestOrigin | undefined): MaybePromise<ApiKeyPrincipal> {
    const cached = keys.current(hash, epoch, clock.now());
    if (cached) return asApiKey(cached.row, actAs, origin);
    const row = hot.apiKeyByHash(hash);
    return isPromise(row)
      ? row.then((r) => asApiKey(proven(keys, hash, r, buildKeyEntry), actAs, origin))
      : asApiKey(proven(keys, hash, row, buildKeyEntry), actAs, origin);
  }

  function personFor(hash: string, epoch: number, actAs: string | undefined): MaybePromise<PersonPrincipal> {
    const cached = tokens.current(hash, epoch, clock.now());
    if (cached) return asPerson(cached.row, actAs);
    const row = hot.personByTokenHash(hash);
    return isPromise(row) ? row.then((r) => asPerson(proven(tokens, hash, r, personEntry), actAs)) : asPerson(proven(tokens, hash, row, personEntry), actAs);
  }

  function verify(authorization: string | undefined, actAs: string | undefined, origin?: RequestOrigin): MaybePromise<Principal> {
    const { token, kind } = parseBearer(authorization);
    const secretHash = hashSecret(token);
    const resolve = kind === 'apiKey' ? keyFor : personFor;
    const epoch = hot.authEpoch();
    return isPromise(epoch) ? epoch.then((e) => resolve(secretHash, e, actAs, origin)) : resolve(secretHash, epoch, actAs, origin);
  }

  return {
    verify,
    async authenticate(authorization, actAs, origin) {
      return verify(authorization, actAs, origin);
    },
    cachedCredentials: () => keys.size + tokens.size,
  };
}
