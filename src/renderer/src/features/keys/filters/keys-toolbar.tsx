/**
 * The one filter line above the keys table: search by name, Status and Needs attention (one click
 * each: they are what an admin reaches for first), a Filters menu for the rest (permission,
 * impersonation, last used, created by, last used before) and the active ones as removable chips.
 * Everything is native selects and inputs: fully keyboard- and screen-reader-operable, and cheap. The
 * search field and the filters are separate memoised components: a keystroke re-renders only the
 * search field (then the table).
 */
import { Button, CloseButton, Group, Kbd, NativeSelect, Popover, Stack, TextInput } from '@mantine/core';
import { forwardRef, memo } from 'react';
import type { CapabilitySlug } from '@shared/capabilities';
import { ariaKeyShortcut, shortcutKeys } from '../../../lib/shortcuts';
import { DEFAULT_FILTERS, type AttentionFilter, type ImpersonationFilter, type StatusFilter, type UsageFilter } from './filter-keys';
import { CAPABILITY_OPTIONS, IMPERSONATION_OPTIONS, STATUS_OPTIONS, USAGE_OPTIONS, activeChips, attentionOptions, type SelectFilters } from './filter-options';
import { IncidentFilters } from './incident-filters';
import type { FlagCounts } from '../table/key-flags';

export type { SelectFilters } from './filter-options';

const SearchField = memo(
  forwardRef<HTMLInputElement, { query: string; onQuery: (query: string) => void }>(function SearchField({ query, onQuery }, ref) {
    return (
      <TextInput
        ref={ref}
        aria-label="Search"
        placeholder="Search"
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
        aria-keyshortcuts={ariaKeyShortcut('search')}
        rightSection={
          <Kbd size="xs" aria-hidden>
            {shortcutKeys('search').join(' ')}
          </Kbd>
        }
        rightSectionWidth={56}
        // Takes what the line leaves: at the window's minimum the filters still fit beside it.
        style={{ flex: '1 1 150px', minWidth: 150, maxWidth: 240 }}
        type="search"
      />
    );
  }),
);

interface FiltersProps {
  filters: SelectFilters;
  counts: FlagCounts;
  onChange: (filters: SelectFilters) => void;
  creators: { id: string; name: string }[];
}

/** Status and Needs attention: on the line itself, label beside the select (one line, not two). */
const LineFilters = memo(function LineFilters({ filters, counts, onChange }: Omit<FiltersProps, 'creators'>) {
  const set = <K extends keyof SelectFilters>(name: K, value: SelectFilters[K]) => onChange({ ...filters, [name]: value });
  return (
    <>
      <NativeSelect
        label="Status"
        classNames={{ root: 'rk-inline-field' }}
        w={190}
        data={STATUS_OPTIONS}
        value={filters.status}
        onChange={(e) => set('status', e.currentTarget.value as StatusFilter)}
      />
      <NativeSelect
        label="Needs attention"
        classNames={{ root: 'rk-inline-field' }}
        w={300}
        data={attentionOptions(counts)}
        value={filters.attention}
        onChange={(e) => set('attention', e.currentTarget.value as AttentionFilter)}
      />
    </>
  );
});

/** The rest of the filters, behind one button that says how many of them are set. */
const FiltersMenu = memo(function FiltersMenu({ filters, onChange, creators }: Omit<FiltersProps, 'counts'>) {
  const set = <K extends keyof SelectFilters>(name: K, value: SelectFilters[K]) => onChange({ ...filters, [name]: value });
  const chips = activeChips(filters, creators);
  return (
    <>
      <Popover position="bottom-start" shadow="md" trapFocus returnFocus>
        <Popover.Target>
          <Button variant="default">{chips.length > 0 ? `Filters (${chips.length})` : 'Filters'}</Button>
        </Popover.Target>
        {/* A dialog named after its button (Mantine labels it by the target): "Filters". */}
        <Popover.Dropdown>
          <Stack gap="sm" w={240}>
            <NativeSelect
              label="Permission"
              data={CAPABILITY_OPTIONS}
              value={filters.capability}
              onChange={(e) => set('capability', e.currentTarget.value as CapabilitySlug | 'any')}
              data-autofocus
            />
            <NativeSelect
              label="Impersonation"
              data={IMPERSONATION_OPTIONS}
              value={filters.impersonation}
              onChange={(e) => set('impersonation', e.currentTarget.value as ImpersonationFilter)}
            />
            <NativeSelect label="Last used" data={USAGE_OPTIONS} value={filters.usage} onChange={(e) => set('usage', e.currentTarget.value as UsageFilter)} />
            <IncidentFilters filters={filters} onChange={onChange} creators={creators} />
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {chips.map((chip) => (
        <span key={chip.filter} className="rk-chip">
          <span className="rk-chip-text" title={chip.text}>
            {chip.text}
          </span>
          <CloseButton size="xs" aria-label={`Remove filter ${chip.text}`} onClick={() => set(chip.filter, DEFAULT_FILTERS[chip.filter])} />
        </span>
      ))}
    </>
  );
});

interface Props extends FiltersProps {
  query: string;
  onQuery: (query: string) => void;
  onFilters: (filters: SelectFilters) => void;
  /** Shown when anything differs from the defaults. */
  onClear: (() => void) | null;
}

export const KeysToolbar = forwardRef<HTMLInputElement, Omit<Props, 'onChange'>>(function KeysToolbar(
  { query, onQuery, filters, onFilters, counts, onClear, creators },
  searchRef,
) {
  return (
    <Group gap="xs" align="center" wrap="wrap" role="search" aria-label="Search and filter API keys">
      <SearchField ref={searchRef} query={query} onQuery={onQuery} />
      <LineFilters filters={filters} counts={counts} onChange={onFilters} />
      <FiltersMenu filters={filters} onChange={onFilters} creators={creators} />
      {onClear && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
});
