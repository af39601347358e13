/**
 * The principals a proven credential gives: built (and frozen) once per proof and cached with it, so
 * a cached request allocates nothing for them.
 */
import { capabilitiesOfRole } from '../../../shared/capabilities.js';
import type { Person } from '../../../shared/http/common.js';
import type { ApiKeyAuthRow, PersonAuthRow } from '../../db/database.js';
import { type AddressCheck, addressCheckOf } from './address-check.js';
import type { ParsedCapabilities } from './capabilities-memo.js';
import type { CachedCredential } from './credential-cache.js';
import type { ApiKeyPrincipal, PersonPrincipal } from './principal.js';
import { validUntilOf } from './validity.js';

/** A proven key with the principal it gives when acting as itself. */
export interface KeyEntry {
  row: ApiKeyAuthRow;
  principal: ApiKeyPrincipal;
  /** Its allowed addresses, parsed once per proof; null: from anywhere. */
  addressCheck: AddressCheck | null;
}

export interface PersonEntry {
  row: PersonAuthRow;
  principal: PersonPrincipal;
}

export function personEntry(row: PersonAuthRow): CachedCredential<PersonEntry> {
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

export function keyEntry(row: ApiKeyAuthRow, capabilitiesOf: (text: string) => ParsedCapabilities): CachedCredential<KeyEntry> {
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
  return { row: { row, principal, addressCheck: addressCheckOf(row.allowed_addresses) }, epoch: row.auth_epoch, validUntil: validUntilOf(row) };
}
