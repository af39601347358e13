/**
 * Turns the Authorization (and X-RakerOne-Act-As) headers into a Principal, or an AppError.
 *
 * Order matters for cost and for what a failure reveals: the format check rejects malformed values
 * without touching the database; a well-formed value costs exactly one indexed lookup by SHA-256
 * (revoked rows are excluded by that query, and nothing is cached, so a revocation applies to the
 * very next request on every node); impersonation is checked only after the key is proven.
 */
import { type CapabilitySlug, capabilitiesOfRole, isCapabilitySlug } from '../../../shared/capabilities.js';
import { AppError } from '../../../shared/errors.js';
import type { Person } from '../../../shared/http/common.js';
import { checkSecret, hashSecret } from '../../../shared/key-format.js';
import { type ApiKeyAuthRow, type HotQueries, type MaybePromise, type PersonAuthRow, isPromise } from '../../db/database.js';
import type { PeopleRepository } from '../people/people-repository.js';
import type { LastUsedTracker } from './last-used-tracker.js';
import type { ApiKeyPrincipal, PersonPrincipal, Principal } from './principal.js';

export interface Authenticator {
  authenticate(authorization: string | undefined, actAs: string | undefined): Promise<Principal>;
  /**
   * The same, for the request hook: the principal itself when the store answers synchronously
   * (SQLite), else a promise; a refusal found before any lookup is thrown synchronously.
   */
  verify(authorization: string | undefined, actAs: string | undefined): MaybePromise<Principal>;
}

export interface AuthenticatorDeps {
  hot: HotQueries;
  people: Pick<PeopleRepository, 'findInOrganization'>;
  lastUsed: LastUsedTracker;
}

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
const INVALID = 'This credential is invalid or has been revoked';

export function createAuthenticator({ hot, people, lastUsed }: AuthenticatorDeps): Authenticator {
  const parsedCapabilities = new Map<string, { list: CapabilitySlug[]; set: ReadonlySet<CapabilitySlug> }>();

  /**
   * A key's capabilities never change after creation, so their parse (list and set) is memoised by
   * the stored text. This caches no credential state: the key itself is looked up on every request.
   */
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

  function asPerson(row: PersonAuthRow | undefined, actAs: string | undefined): PersonPrincipal {
    if (!row) throw new AppError('UNAUTHORIZED', INVALID);
    if (actAs !== undefined) {
      throw new AppError('FORBIDDEN', 'Only API keys that can impersonate may send X-RakerOne-Act-As', { hint: 'Remove the X-RakerOne-Act-As header.' });
    }
    const person: Person = { id: row.id, email: row.email, name: row.name, role: row.role };
    return {
      kind: 'person',
      person,
      organization: { id: row.organization_id, slug: row.org_slug, name: row.org_name },
      capabilities: capabilitiesOfRole(row.role),
      actor: { type: 'person', id: person.id, name: person.name, viaKey: null },
    };
  }

  function asApiKey(row: ApiKeyAuthRow | undefined, actAs: string | undefined): MaybePromise<ApiKeyPrincipal> {
    if (!row) throw new AppError('UNAUTHORIZED', INVALID);
    const capabilities = capabilitiesOf(row.capabilities);
    const apiKey = { id: row.id, name: row.name, capabilities: capabilities.list, canImpersonate: row.can_impersonate === 1 };
    const organization = { id: row.organization_id, slug: row.org_slug, name: row.org_name };
    if (actAs === undefined) {
      lastUsed.touch(apiKey.id, row.last_used_at);
      return {
        kind: 'apiKey',
        apiKey,
        actingAs: null,
        organization,
        capabilities: capabilities.set,
        actor: { type: 'apiKey', id: apiKey.id, name: apiKey.name, viaKey: null },
      };
    }
    return asImpersonatingKey(row, apiKey, organization, actAs);
  }

  async function asImpersonatingKey(
    row: ApiKeyAuthRow,
    apiKey: ApiKeyPrincipal['apiKey'],
    organization: ApiKeyPrincipal['organization'],
    actAs: string,
  ): Promise<ApiKeyPrincipal> {
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
    if (kind === 'apiKey') {
      const row = hot.apiKeyByHash(secretHash);
      return isPromise(row) ? row.then((r) => asApiKey(r, actAs)) : asApiKey(row, actAs);
    }
    const row = hot.personByTokenHash(secretHash);
    return isPromise(row) ? row.then((r) => asPerson(r, actAs)) : asPerson(row, actAs);
  }

  return {
    verify,
    async authenticate(authorization, actAs) {
      return verify(authorization, actAs);
    },
  };
}
