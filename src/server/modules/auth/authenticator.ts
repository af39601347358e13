/**
 * Turns the Authorization (and X-RakerOne-Act-As) headers into a Principal, or an AppError.
 *
 * Order matters for cost and for what a failure reveals: the format check rejects malformed values
 * without touching the database; a well-formed value costs one read of the revocation epoch, and
 * when this process proved the same credential under that same epoch (credential-cache.ts) that is
 * all; otherwise one indexed lookup by SHA-256 (revoked rows are excluded by that query) which also
 * reads the epoch. Either way a revocation committed anywhere applies to the very next request on
 * every process and node. Impersonation is checked only after the key is proven, and never cached.
 *
 * Time: a key is refused from min(expires_at, retire_at) on — the entry's `validUntil`, compared with
 * the clock on every request, cached or not, so no write needs to happen at that instant. A key's
 * first use is recorded once (a conditional write the request waits for, so a key retiring "after
 * the first use of" this one gets its time before this request is answered).
 */
import { type CapabilitySlug, capabilitiesOfRole, isCapabilitySlug } from '../../../shared/capabilities.js';
import { AppError } from '../../../shared/errors.js';
import type { Person } from '../../../shared/http/common.js';
import { checkSecret, hashSecret } from '../../../shared/key-format.js';
import { type ApiKeyAuthRow, type HotQueries, type MaybePromise, type PersonAuthRow, isPromise } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { PeopleRepository } from '../people/people-repository.js';
import { type CachedCredential, createCredentialCache } from './credential-cache.js';
import type { LastUsedTracker } from './last-used-tracker.js';
import type { ApiKeyPrincipal, PersonPrincipal, Principal } from './principal.js';

export interface Authenticator {
  authenticate(authorization: string | undefined, actAs: string | undefined): Promise<Principal>;
  /**
   * The same, for the request hook: a refusal found before any read is thrown synchronously; else
   * a promise (the principal itself only if the store answered the epoch synchronously).
   */
  verify(authorization: string | undefined, actAs: string | undefined): MaybePromise<Principal>;
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

export const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
const INVALID = 'This credential is invalid or has been revoked';
const EXPIRED = 'This API key has expired';

/** A proven key with the principal it gives when acting as itself, built once per proof. */
interface KeyEntry {
  row: ApiKeyAuthRow;
  principal: ApiKeyPrincipal;
}

interface PersonEntry {
  row: PersonAuthRow;
  principal: PersonPrincipal;
}

export function createAuthenticator({ hot, people, lastUsed, clock, keyTimes, cacheSize = 10_000 }: AuthenticatorDeps): Authenticator {
  // Reads that may see uncommitted writes (in-memory SQLite) prove nothing: no cache there.
  const size = hot.readsCommittedOnly ? cacheSize : 0;
  const keys = createCredentialCache<KeyEntry>(size);
  const tokens = createCredentialCache<PersonEntry>(size);
  const parsedCapabilities = new Map<string, { list: CapabilitySlug[]; set: ReadonlySet<CapabilitySlug> }>();

  /** A key's capabilities never change after creation, so their parse is memoised by the stored text. */
  function capabilitiesOf(text: string) {
    let entry = parsedCapabilities.get(text);
    if (!entry) {
      const parsed: unknown = JSON.parse(text);
      const list = Array.isArray(parsed) ? parsed.filter((s): s is CapabilitySlug => typeof s === 'string' && isCapabilitySlug(s)) : [];
      entry = { list: Object.freeze(list) as CapabilitySlug[], set: new Set(list) };
      if (parsedCapabilities.size > 10_000) parsedCapabilities.clear();
      parsedCapabilities.set(text, entry);
    }
    return entry;
  }

  /** Keys whose first use this process has recorded (or seen recorded): one write per key, ever. */
  const firstUseRecorded = new Set<string>();

  /**
   * The bound of a credential's validity in time, checked per request against the clock: a key's
   * expiry or scheduled retirement, whichever comes first. Admin tokens have no end.
   */
  function validUntilOf(row: ApiKeyAuthRow | PersonAuthRow): number {
    if (!('expires_at' in row)) return Infinity;
    return Math.min(row.expires_at === null ? Infinity : Date.parse(row.expires_at), row.retire_at === null ? Infinity : Date.parse(row.retire_at));
  }

  /** Why a key past its `validUntil` is refused: expired (said so), or retired (revoked, and written now). */
  function timedOut(row: ApiKeyAuthRow, nowMs: number): AppError {
    if (row.retire_at !== null && nowMs >= Date.parse(row.retire_at)) {
      keyTimes.retirementDue(row.organization_id, row.id);
      return new AppError('UNAUTHORIZED', INVALID);
    }
    return new AppError('UNAUTHORIZED', `${EXPIRED} (it expired at ${row.expires_at})`, { hint: 'Use another key, or ask an admin for a new one.' });
  }

  function personEntry(row: PersonAuthRow): CachedCredential<PersonEntry> {
    const person: Person = Object.freeze({ id: row.id, email: row.email, name: row.name, role: row.role });
    const principal: PersonPrincipal = Object.freeze({
      kind: 'person',
      person,
      organization: Object.freeze({ id: row.organization_id, slug: row.org_slug, name: row.org_name }),
      capabilities: capabilitiesOfRole(row.role),
      actor: Object.freeze({ type: 'person', id: person.id, name: person.name, viaKey: null }),
    });
    return { row: { row, principal }, epoch: row.auth_epoch, validUntil: validUntilOf(row) };
  }

  function keyEntry(row: ApiKeyAuthRow): CachedCredential<KeyEntry> {
    const capabilities = capabilitiesOf(row.capabilities);
    const apiKey = Object.freeze({ id: row.id, name: row.name, capabilities: capabilities.list, canImpersonate: row.can_impersonate === 1 });
    const principal: ApiKeyPrincipal = Object.freeze({
      kind: 'apiKey',
      apiKey,
      actingAs: null,
      organization: Object.freeze({ id: row.organization_id, slug: row.org_slug, name: row.org_name }),
      capabilities: capabilities.set,
      actor: Object.freeze({ type: 'apiKey', id: apiKey.id, name: apiKey.name, viaKey: null }),
    });
    return { row: { row, principal }, epoch: row.auth_epoch, validUntil: validUntilOf(row) };
  }

  function asPerson(entry: PersonEntry, actAs: string | undefined): PersonPrincipal {
    if (actAs !== undefined) {
      throw new AppError('FORBIDDEN', 'Only API keys that can impersonate may send X-RakerOne-Act-As', { hint: 'Remove the X-RakerOne-Act-As header.' });
    }
    return entry.principal;
  }

  function asApiKey(entry: KeyEntry, actAs: string | undefined): MaybePromise<ApiKeyPrincipal> {
    const { row } = entry;
    if (row.first_used_at === null && !firstUseRecorded.has(row.id)) {
      if (firstUseRecorded.size >= 100_000) firstUseRecorded.clear();
      firstUseRecorded.add(row.id);
      return keyTimes.recordFirstUse(row.id, clock.now().toISOString()).then(
        () => asApiKey(entry, actAs),
        (error: unknown) => {
          firstUseRecorded.delete(row.id);
          throw error;
        },
      );
    }
    if (actAs === undefined) {
      lastUsed.touch(entry.row.id, entry.row.last_used_at);
      return entry.principal;
    }
    return asImpersonatingKey(entry, actAs);
  }

  async function asImpersonatingKey({ row, principal }: KeyEntry, actAs: string): Promise<ApiKeyPrincipal> {
    const { apiKey, organization } = principal;
    if (!apiKey.canImpersonate) {
      throw new AppError('FORBIDDEN', 'This API key cannot act as a person', { hint: 'Create a key with "Can impersonate users" to use X-RakerOne-Act-As.' });
    }
    const target = actAs.trim();
    if (target.length === 0 || target.length > 320) {
      throw new AppError('VALIDATION', 'X-RakerOne-Act-As must be a person id or email', { issues: [{ path: 'x-rakerone-act-as', message: 'Must be a person id or email' }] });
    }
    // Someone outside the key's organization reads as absent, like any other organization's object.
    const person = await people.findInOrganization(row.organization_id, target);
    if (!person) throw new AppError('NOT_FOUND', 'No such person in this organization');
    const roleCapabilities = capabilitiesOfRole(person.role);
    lastUsed.touch(apiKey.id, row.last_used_at);
    return {
      kind: 'apiKey',
      apiKey,
      actingAs: person,
      organization,
      capabilities: new Set(apiKey.capabilities.filter((c) => roleCapabilities.has(c))),
      actor: { type: 'person', id: person.id, name: person.name, viaKey: { id: apiKey.id, name: apiKey.name } },
    };
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
    const nowMs = clock.now().getTime();
    if (nowMs >= entry.validUntil) throw 'expires_at' in row ? timedOut(row, nowMs) : new AppError('UNAUTHORIZED', INVALID);
    cache.remember(hash, entry);
    return entry.row;
  }

  function keyFor(hash: string, epoch: number, actAs: string | undefined): MaybePromise<ApiKeyPrincipal> {
    const cached = keys.current(hash, epoch, clock.now().getTime());
    if (cached) return asApiKey(cached.row, actAs);
    const row = hot.apiKeyByHash(hash);
    return isPromise(row)
      ? row.then((r) => asApiKey(proven(keys, hash, r, keyEntry), actAs))
      : asApiKey(proven(keys, hash, row, keyEntry), actAs);
  }

  function personFor(hash: string, epoch: number, actAs: string | undefined): MaybePromise<PersonPrincipal> {
    const cached = tokens.current(hash, epoch, clock.now().getTime());
    if (cached) return asPerson(cached.row, actAs);
    const row = hot.personByTokenHash(hash);
    return isPromise(row)
      ? row.then((r) => asPerson(proven(tokens, hash, r, personEntry), actAs))
      : asPerson(proven(tokens, hash, row, personEntry), actAs);
  }

  function verify(authorization: string | undefined, actAs: string | undefined): MaybePromise<Principal> {
    if (authorization === undefined || authorization.length === 0) {
      throw new AppError('UNAUTHORIZED', 'Sign-in required: send Authorization: Bearer <admin token or API key>');
    }
    const token = BEARER.exec(authorization)?.[1];
    const kind = token === undefined ? null : checkSecret(token);
    if (token === undefined || kind === null) {
      throw new AppError('UNAUTHORIZED', 'The credential is malformed or mistyped', { hint: 'Paste the whole key or token, starting with rkr_.' });
    }
    const secretHash = hashSecret(token);
    const resolve = kind === 'apiKey' ? keyFor : personFor;
    const epoch = hot.authEpoch();
    return isPromise(epoch) ? epoch.then((e) => resolve(secretHash, e, actAs)) : resolve(secretHash, epoch, actAs);
  }

  return {
    verify,
    async authenticate(authorization, actAs) {
      return verify(authorization, actAs);
    },
    cachedCredentials: () => keys.size + tokens.size,
  };
}
