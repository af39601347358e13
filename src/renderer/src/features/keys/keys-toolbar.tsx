/** Search by name and the four filters. Native selects: fully keyboard- and screen-reader-operable. */
import { Button, Group, Kbd, NativeSelect, TextInput } from '@mantine/core';
import { forwardRef } from 'react';
import { CAPABILITIES, type CapabilitySlug } from '../../../../shared/capabilities';
import { ariaKeyShortcut, shortcutKeys } from '../../lib/shortcuts';
import { DEFAULT_FILTERS, filtersActive, type ImpersonationFilter, type KeyFilters, type StatusFilter, type UsageFilter } from './filter-keys';

interface Props {
  filters: KeyFilters;
  onChange: (filters: KeyFilters) => void;
}

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Not revoked' },
  { value: 'pending', label: 'Pending changes' },
  { value: 'revoked', label: 'Revoked' },
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
const CAPABILITY_OPTIONS = [
  { value: 'any', label: 'Any permission' },
  ...CAPABILITIES.map((c) => ({ value: c.slug, label: c.label })),
];

export const KeysToolbar = forwardRef<HTMLInputElement, Props>(function KeysToolbar({ filters, onChange }, searchRef) {
  const set = <K extends keyof KeyFilters>(name: K, value: KeyFilters[K]) => onChange({ ...filters, [name]: value });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Search and filter API keys">
      <TextInput
        ref={searchRef}
        label="Search"
        placeholder="Search by name"
        value={filters.query}
        onChange={(event) => set('query', event.currentTarget.value)}
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
      {filtersActive(filters) && (
        <Button variant="subtle" onClick={() => onChange(DEFAULT_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Group>
  );
});
