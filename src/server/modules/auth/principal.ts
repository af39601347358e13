/** Who is calling, as established by authentication, and what they may do. */
import type { CapabilitySlug, Role } from '../../../shared/capabilities.js';
import type { Actor, Organization, Person } from '../../../shared/http/common.js';

export interface PersonPrincipal {
  kind: 'person';
  person: Person;
  organization: Organization;
  capabilities: ReadonlySet<CapabilitySlug>;
  /** Recorded as the author of what this request does. */
  actor: Actor;
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  apiKey: { id: string; name: string; capabilities: CapabilitySlug[]; canImpersonate: boolean };
  /** The person named by X-RakerOne-Act-As, or null. */
  actingAs: Person | null;
  organization: Organization;
  /** The key's capabilities, intersected with the person's role when impersonating. */
  capabilities: ReadonlySet<CapabilitySlug>;
  actor: Actor;
}

export type Principal = PersonPrincipal | ApiKeyPrincipal;

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'person' && principal.person.role === ('admin' satisfies Role);
}
