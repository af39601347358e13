/**
 * Search by name and the filters (status, permission, impersonation, last used; and the incident
 * shortcuts: created by, last used before a date). The search field and the selects are separate memoised
 * components: a keystroke re-renders only the search field (then, deferred, the table). Native
 * selects are fully keyboard- and screen-reader-operable and cheap.
 */
import { Button, Group, Kbd, NativeSelect, Text, TextInput } from '@mantine/core';
import { forwardRef, memo, type ReactNode } from 'react';
import { CAPABILITIES, type CapabilitySlug } from '../../../../shared/capabilities';
import { ariaKeyShortcut, shortcutKeys } from '../../lib/shortcuts';
import { FLAG_KINDS } from '../../../../shared/ipc/key-flags';
import { relative } from '../../lib/time';
import { useMinuteTick } from '../../lib/use-minute-tick';
import type { AttentionFilter, ImpersonationFilter, KeyFilters, StatusFilter, UsageFilter } from './filter-keys';
import { FLAG_FILTER_LABEL, type FlagCounts, type flagsFreshness } from './key-flags';
import { IncidentFilters } from './incident-filters';

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

function attentionOptions(counts: FlagCounts): { value: AttentionFilter; label: string }[] {
  return [
    { value: 'any', label: 'Any key' },
    { value: 'any-flag', label: `Any flag (${counts['any-flag']})` },
    ...FLAG_KINDS.map((kind) => ({ value: kind, label: `${FLAG_FILTER_LABEL[kind]} (${counts[kind]})` })),
  ];
}

const FilterSelects = memo(function FilterSelects({
  filters,
  counts,
  onChange,
  creators,
}: {
  filters: SelectFilters;
  counts: FlagCounts;
  onChange: (filters: SelectFilters) => void;
  creators: { id: string; name: string }[];
}) {
  const set = <K extends keyof SelectFilters>(name: K, value: SelectFilters[K]) => onChange({ ...filters, [name]: value });
  return (
    <>
      <NativeSelect
        label="Needs attention"
        data={attentionOptions(counts)}
        value={filters.attention}
        onChange={(e) => set('attention', e.currentTarget.value as AttentionFilter)}
        w={210}
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
      <IncidentFilters filters={filters} onChange={onChange} creators={creators} />
    </>
  );
});

/**
 * How fresh the flags are: as of the list's last sync, with the oldest usage fetch (and how many keys
 * have none yet). Offline this is the cache's age, said plainly.
 */
function FlagsFreshness({ freshness }: { freshness: ReturnType<typeof flagsFreshness> }) {
  useMinuteTick();
  const parts = [freshness.syncedAt ? `Flags as of ${relative(freshness.syncedAt)}` : 'Flags not synced yet'];
  if (freshness.oldestUsage) parts.push(`usage fetched ${relative(freshness.oldestUsage)}`);
  if (freshness.unknownUsage > 0) parts.push(`no usage data for ${freshness.unknownUsage} ${freshness.unknownUsage === 1 ? 'key' : 'keys'}`);
  return (
    <Text size="xs" c="dimmed" pb={8} data-testid="flags-freshness">
      {parts.join(' · ')}
    </Text>
  );
}

interface Props {
  query: string;
  onQuery: (query: string) => void;
  filters: SelectFilters;
  onFilters: (filters: SelectFilters) => void;
  /** Counts per flag over every key, and how fresh they are. */
  counts: FlagCounts;
  freshness: ReturnType<typeof flagsFreshness>;
  /** Shown when anything differs from the defaults. */
  onClear: (() => void) | null;
  /** The people who created keys in the list (the "Created by" choices). */
  creators: { id: string; name: string }[];
  /** Page actions on the toolbar's far side (Export), outside the search landmark. */
  actions?: ReactNode;
}

export const KeysToolbar = forwardRef<HTMLInputElement, Props>(function KeysToolbar({ query, onQuery, filters, onFilters, counts, freshness, onClear, creators, actions }, searchRef) {
  const search = (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Search and filter API keys">
      <SearchField ref={searchRef} query={query} onQuery={onQuery} />
      <FilterSelects filters={filters} counts={counts} onChange={onFilters} creators={creators} />
      {onClear && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
      <FlagsFreshness freshness={freshness} />
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
