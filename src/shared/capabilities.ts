/**
 * The 22 RakerOne capabilities an API key can carry — the single source for the server, the main
 * process and the UI. Labels and group titles are product strings (the product's reference of roles and capabilities):
 * reproduce them verbatim. There are deliberately no admin capabilities: API keys, users and settings
 * belong to the Admin role as a whole and are never grantable to a key.
 */

export const ROLES = ['admin', 'manager', 'builder', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  builder: 'Builder',
  member: 'Member',
};

export const CAPABILITY_GROUPS = ['Playbooks and runs', 'Projects and templates', 'Records, record types, and views', 'Triggers'] as const;
export type CapabilityGroup = (typeof CAPABILITY_GROUPS)[number];

export interface Capability {
  slug: string;
  label: string;
  group: CapabilityGroup;
  meaning: string;
  roles: readonly Role[];
}

const A = 'admin';
const M = 'manager';
const B = 'builder';
const U = 'member';

export const CAPABILITIES = [
  { slug: 'playbook:create', label: 'Create playbooks', group: 'Playbooks and runs', meaning: 'Build new playbooks (process definitions).', roles: [A, B] },
  {
    slug: 'playbook-run:start',
    label: 'Start playbook runs',
    group: 'Playbooks and runs',
    meaning: 'Start a run of a playbook in a project.',
    roles: [A, M, B],
  },
  { slug: 'playbook:publish', label: 'Publish playbooks', group: 'Playbooks and runs', meaning: 'Make a playbook live so it can be run.', roles: [A, B] },
  { slug: 'playbook:archive', label: 'Archive playbooks', group: 'Playbooks and runs', meaning: 'Retire a playbook.', roles: [A] },
  {
    slug: 'playbook-run:read',
    label: 'View runs',
    group: 'Playbooks and runs',
    meaning: 'Open runs and their details, read comment threads.',
    roles: [A, M, B, U],
  },
  {
    slug: 'playbook-run:manage',
    label: 'Manage runs (pause / cancel)',
    group: 'Playbooks and runs',
    meaning: 'Pause, cancel or reconfigure a run.',
    roles: [A, M, B],
  },
  {
    slug: 'task:work',
    label: 'Work on tasks',
    group: 'Playbooks and runs',
    meaning: "Do assigned tasks; post and edit one's own comments.",
    roles: [A, M, B, U],
  },
  { slug: 'task:approve', label: 'Approve tasks', group: 'Playbooks and runs', meaning: 'Sign off tasks whose output needs approval.', roles: [A, M, B, U] },
  {
    slug: 'project-template:create',
    label: 'Create project templates',
    group: 'Projects and templates',
    meaning: 'Build reusable starting points for projects.',
    roles: [A, B],
  },
  {
    slug: 'project-template:use',
    label: 'Use project templates',
    group: 'Projects and templates',
    meaning: 'Start a project from a template.',
    roles: [A, M, B, U],
  },
  {
    slug: 'project-template:archive',
    label: 'Archive project templates',
    group: 'Projects and templates',
    meaning: 'Retire a project template.',
    roles: [A, B],
  },
  { slug: 'project:create', label: 'Create projects', group: 'Projects and templates', meaning: 'Start new projects.', roles: [A, M, U] },
  { slug: 'project:manage', label: 'Manage projects', group: 'Projects and templates', meaning: "Change a project's settings or members.", roles: [A, M] },
  { slug: 'project:close', label: 'Close projects', group: 'Projects and templates', meaning: 'Close (and reopen) a project.', roles: [A, M] },
  {
    slug: 'data-object:read',
    label: 'View record types',
    group: 'Records, record types, and views',
    meaning: 'See record-type definitions.',
    roles: [A, M, B, U],
  },
  {
    slug: 'data-object:manage',
    label: 'Manage record types',
    group: 'Records, record types, and views',
    meaning: 'Create, edit and delete record types.',
    roles: [A, B],
  },
  {
    slug: 'data-record:read',
    label: 'Read records',
    group: 'Records, record types, and views',
    meaning: 'See records (in accessible projects).',
    roles: [A, M, B, U],
  },
  { slug: 'data-record:write', label: 'Write records', group: 'Records, record types, and views', meaning: 'Create or update records.', roles: [A, M, B, U] },
  { slug: 'data-record:delete', label: 'Delete records', group: 'Records, record types, and views', meaning: 'Delete records.', roles: [A, M, B] },
  {
    slug: 'data-record:review',
    label: 'Review record fields',
    group: 'Records, record types, and views',
    meaning: 'Approve, reject or dismiss record fields in review.',
    roles: [A, M, B],
  },
  {
    slug: 'data-view:manage',
    label: 'Manage views',
    group: 'Records, record types, and views',
    meaning: 'Create, edit and delete saved table views.',
    roles: [A, M, B],
  },
  { slug: 'trigger:manage', label: 'Manage triggers', group: 'Triggers', meaning: 'Set up automatic starts, see delivery history.', roles: [A, B] },
] as const satisfies readonly Capability[];

export type CapabilitySlug = (typeof CAPABILITIES)[number]['slug'];

export const CAPABILITY_SLUGS = CAPABILITIES.map((c) => c.slug) as [CapabilitySlug, ...CapabilitySlug[]];

const BY_SLUG: ReadonlyMap<string, Capability> = new Map(CAPABILITIES.map((c) => [c.slug, c]));

export function isCapabilitySlug(value: string): value is CapabilitySlug {
  return BY_SLUG.has(value);
}

export function getCapability(slug: CapabilitySlug): Capability {
  const capability = BY_SLUG.get(slug);
  if (!capability) throw new Error(`Unknown capability ${slug}`);
  return capability;
}

/** The capabilities a role holds, as a set for O(1) checks on the request path. */
export function capabilitiesOfRole(role: Role): ReadonlySet<CapabilitySlug> {
  return ROLE_CAPABILITIES[role];
}

const ROLE_CAPABILITIES: Record<Role, ReadonlySet<CapabilitySlug>> = {
  admin: slugsHeldBy('admin'),
  manager: slugsHeldBy('manager'),
  builder: slugsHeldBy('builder'),
  member: slugsHeldBy('member'),
};

function slugsHeldBy(role: Role): ReadonlySet<CapabilitySlug> {
  return new Set(CAPABILITIES.filter((c) => (c.roles as readonly Role[]).includes(role)).map((c) => c.slug));
}

/** Capabilities in catalog order, grouped under their group titles (the create dialog's sections). */
export function capabilitiesByGroup(): { group: CapabilityGroup; capabilities: Capability[] }[] {
  return CAPABILITY_GROUPS.map((group) => ({
    group,
    capabilities: CAPABILITIES.filter((c) => c.group === group),
  }));
}

/** Sorts slugs into catalog order so badges and stored lists read the same everywhere. */
export function sortCapabilities(slugs: readonly CapabilitySlug[]): CapabilitySlug[] {
  const order = new Map(CAPABILITY_SLUGS.map((slug, index) => [slug, index]));
  return [...slugs].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}
