/**
 * X-RakerOne-Act-As: only a proven key with `canImpersonate` may act as a person of its organization;
 * its capabilities are then its own intersected with that person's role. Never cached: the person
 * is read on every such request.
 */
import { capabilitiesOfRole } from '../../../shared/capabilities.js';
import { AppError } from '../../../shared/errors.js';
import type { PeopleRepository } from '../people/people-repository.js';
import type { LastUsedTracker } from './last-used-tracker.js';
import type { KeyEntry, PersonEntry } from './principals.js';
import type { ApiKeyPrincipal, PersonPrincipal } from './principal.js';

/** A person's token acts as that person only: the header is refused. */
export function asPerson(entry: PersonEntry, actAs: string | undefined): PersonPrincipal {
  if (actAs !== undefined) {
    throw new AppError('FORBIDDEN', 'Only API keys that can impersonate may send X-RakerOne-Act-As', { hint: 'Remove the X-RakerOne-Act-As header.' });
  }
  return entry.principal;
}

export function createImpersonation(deps: { people: Pick<PeopleRepository, 'findInOrganization'>; lastUsed: Pick<LastUsedTracker, 'touch'> }) {
  const { people, lastUsed } = deps;
  return async function asImpersonatingKey({ row, principal }: KeyEntry, actAs: string): Promise<ApiKeyPrincipal> {
    const { apiKey, organization } = principal;
    if (!apiKey.canImpersonate) {
      throw new AppError('FORBIDDEN', 'This API key cannot act as a person', { hint: 'Create a key with "Can impersonate users" to use X-RakerOne-Act-As.' });
    }
    const target = actAs.trim();
    if (target.length === 0 || target.length > 320) {
      throw new AppError('VALIDATION', 'X-RakerOne-Act-As must be a person id or email', {
        issues: [{ path: 'x-rakerone-act-as', message: 'Must be a person id or email' }],
      });
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
  };
}
