/**
 * Search by name and the four filters. The search field and the selects are separate memoised
 * components: a keystroke re-renders only the search field (then, deferred, the table). Native
 * selects are fully keyboard- and screen-reader-operable and cheap.
 */
import { Button, Group, Kbd, NativeSelect, TextInput } from '@mantine/core';
import { forwardRef, memo, type ReactNode } from 'react';
import { CAPABILITIES, type CapabilitySlug } from '../../../../shared/capabilities';
import { ariaKeyShortcut, shortcutKeys } from '../../lib/shortcuts';
import type { ImpersonationFilter, KeyFilters, StatusFilter, UsageFilter } from './filter-keys';

export type SelectFilters = Omit<KeyFilters, 'query'>;

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Not revoked' },
  { value: 'pending', label: 'Pending changes' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'expired', label: 'Expired' },
  { value: 'all', label: 'All keys' },
];
const IMPERSONATION_OPTIONS: { value: ImpersonationFilter; label: string }[] = [
  { value: 'any', label: 'Any' },
  { value: 'yes', label: 'Can impersonate' },
  { value: 'no', label: "Can't impersonate" },
];
const USAGE_OPTIONS: { value: UsageFilter; label: string }[] = [
  { value: 'any', label: 'Any time' },
  { value: 'never', label: 'Never used' },
  { value: 'unused-90', label: 'Not used in 90 days' },
];
const CAPABILITY_OPTIONS = [{ value: 'any', label: 'Any permission' }, ...CAPABILITIES.map((c) => ({ value: c.slug, label: c.label }))];

const SearchField = memo(
  forwardRef<HTMLInputElement, { query: string; onQuery: (query: string) => void }>(function SearchField({ query, onQuery }, ref) {
    return (
      <TextInput
        ref={ref}
        label="Search"
        placeholder="Search by name"
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
        aria-keyshortcuts={ariaKeyShortcut('search')}
        rightSection={
          <Kbd size="xs" aria-hidden>
            {shortcutKeys('search').join(' ')}
          </Kbd>
        }
        rightSectionWidth={64}
        w={220}
        type="search"
      />
    );
  }),
);

const FilterSelects = memo(function FilterSelects({ filters, onChange }: { filters: SelectFilters; onChange: (filters: SelectFilters) => void }) {
  const set = <K extends keyof SelectFilters>(name: K, value: SelectFilters[K]) => onChange({ ...filters, [name]: value });
  return (
    <>
      <NativeSelect label="Status" data={STATUS_OPTIONS} value={filters.status} onChange={(e) => set('status', e.currentTarget.value as StatusFilter)} w={150} />
      <NativeSelect
        label="Permission"
        data={CAPABILITY_OPTIONS}
        value={filters.capability}
        onChange={(e) => set('capability', e.currentTarget.value as CapabilitySlug | 'any')}
        w={200}
      />
      <NativeSelect
        label="Impersonation"
        data={IMPERSONATION_OPTIONS}
        value={filters.impersonation}
        onChange={(e) => set('impersonation', e.currentTarget.value as ImpersonationFilter)}
        w={160}
      />
      <NativeSelect label="Last used" data={USAGE_OPTIONS} value={filters.usage} onChange={(e) => set('usage', e.currentTarget.value as UsageFilter)} w={170} />
    </>
  );
});

interface Props {
  query: string;
  onQuery: (query: string) => void;
  filters: SelectFilters;
  onFilters: (filters: SelectFilters) => void;
  /** Shown when anything differs from the defaults. */
  onClear: (() => void) | null;
  /** Page actions on the toolbar's far side (Export), outside the search landmark. */
  actions?: ReactNode;
}

export const KeysToolbar = forwardRef<HTMLInputElement, Props>(function KeysToolbar({ query, onQuery, filters, onFilters, onClear, actions }, searchRef) {
  const search = (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Search and filter API keys">
      <SearchField ref={searchRef} query={query} onQuery={onQuery} />
      <FilterSelects filters={filters} onChange={onFilters} />
      {onClear && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
  if (!actions) return search;
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      {search}
      {actions}
    </Group>
  );
});
