/**
 * The choices of each keys filter and how an active one reads as a chip ("Permission: Read records").
 * One table per filter, so the select that sets a filter and the chip that removes it never disagree.
 */
import { CAPABILITIES } from '@shared/capabilities';
import { FLAG_KINDS } from '@shared/ipc/key-flags';
import type { AttentionFilter, ImpersonationFilter, KeyFilters, StatusFilter, UsageFilter } from './filter-keys';
import { DEFAULT_FILTERS } from './filter-keys';
import { FLAG_FILTER_LABEL, type FlagCounts } from '../table/key-flags';
import { longDate } from '../../../lib/time';

export type SelectFilters = Omit<KeyFilters, 'query'>;

export const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Not revoked' },
  { value: 'pending', label: 'Pending changes' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'expired', label: 'Expired' },
  { value: 'all', label: 'All keys' },
];
export const IMPERSONATION_OPTIONS: { value: ImpersonationFilter; label: string }[] = [
  { value: 'any', label: 'Any' },
  { value: 'yes', label: 'Can impersonate' },
  { value: 'no', label: "Can't impersonate" },
];
export const USAGE_OPTIONS: { value: UsageFilter; label: string }[] = [
  { value: 'any', label: 'Any time' },
  { value: 'never', label: 'Never used' },
  { value: 'unused-90', label: 'Not used in 90 days' },
];
export const CAPABILITY_OPTIONS = [{ value: 'any', label: 'Any permission' }, ...CAPABILITIES.map((c) => ({ value: c.slug as string, label: c.label }))];

export function attentionOptions(counts: FlagCounts): { value: AttentionFilter; label: string }[] {
  return [
    { value: 'any', label: 'Any key' },
    { value: 'any-flag', label: `Any flag (${counts['any-flag']})` },
    ...FLAG_KINDS.map((kind) => ({ value: kind, label: `${FLAG_FILTER_LABEL[kind]} (${counts[kind]})` })),
  ];
}

/** The filters behind the Filters menu (Status and Needs attention sit on the filter line itself). */
export const MENU_FILTERS = ['capability', 'impersonation', 'usage', 'createdBy', 'lastUsedBefore', 'usedFrom'] as const;
type MenuFilter = (typeof MENU_FILTERS)[number];

const labelOf = (options: { value: string; label: string }[], value: string) => options.find((option) => option.value === value)?.label ?? value;

/** The active menu filters as chips: what each says, and which filter its × resets. */
export function activeChips(filters: SelectFilters, creators: { id: string; name: string }[]): { filter: MenuFilter; text: string }[] {
  const chips: { filter: MenuFilter; text: string }[] = [];
  for (const filter of MENU_FILTERS) {
    if (filters[filter] === DEFAULT_FILTERS[filter]) continue;
    chips.push({ filter, text: chipText(filter, filters, creators) });
  }
  return chips;
}

function chipText(filter: MenuFilter, filters: SelectFilters, creators: { id: string; name: string }[]): string {
  switch (filter) {
    case 'capability':
      return `Permission: ${labelOf(CAPABILITY_OPTIONS, filters.capability)}`;
    case 'impersonation':
      return `Impersonation: ${labelOf(IMPERSONATION_OPTIONS, filters.impersonation)}`;
    case 'usage':
      return `Last used: ${labelOf(USAGE_OPTIONS, filters.usage)}`;
    case 'createdBy':
      return `Created by: ${creators.find((person) => person.id === filters.createdBy)?.name ?? 'someone no longer listed'}`;
    case 'lastUsedBefore':
      return `Last used before ${longDate(filters.lastUsedBefore)}`;
    case 'usedFrom':
      return `Used from ${filters.usedFrom}`;
  }
}
