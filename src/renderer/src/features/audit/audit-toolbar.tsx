/**
 * The Audit log's filters: actions (several), who did it (a person or a key), which key, and a date
 * range. Mantine's searchable selects keep typing inside themselves: a keystroke in a filter's search
 * re-renders that select only, never the table; only a choice changes the filters (and asks main).
 */
import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { AuditAction } from '@shared/http/api-keys';
import { ACTION_OPTIONS } from './action-labels';
import { dateRangeError, type AuditFilters } from './audit-filters';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  filters: AuditFilters;
  onFilters: (filters: AuditFilters) => void;
  people: Choice[];
  keys: Choice[];
  /** Shown when anything is set. */
  onClear: (() => void) | null;
}

/** Options drawn at once in a select's list (typing narrows them): a long key list stays cheap to open. */
const OPTION_LIMIT = 100;

export const AuditToolbar = memo(function AuditToolbar({ filters, onFilters, people, keys, onClear }: Props) {
  const set = <K extends keyof AuditFilters>(name: K, value: AuditFilters[K]) => onFilters({ ...filters, [name]: value });
  const actors = useMemo(
    () => [
      { group: 'People', items: people },
      { group: 'API keys', items: keys },
    ],
    [people, keys],
  );
  const rangeError = dateRangeError(filters);
  return (
    <Group gap="sm" align="flex-start" wrap="wrap" role="search" aria-label="Filter audit events">
      <MultiSelect
        label="Action"
        placeholder={filters.actions.length === 0 ? 'Any action' : undefined}
        data={ACTION_OPTIONS}
        value={filters.actions}
        onChange={(value) => set('actions', value as AuditAction[])}
        searchable
        clearable
        clearButtonProps={{ 'aria-label': 'Clear actions' }}
        nothingFoundMessage="No such action"
        w={280}
      />
      <Select
        label="Who"
        placeholder="Anyone"
        data={actors}
        value={filters.actorId}
        onChange={(value) => set('actorId', value)}
        searchable
        clearable
        clearButtonProps={{ 'aria-label': 'Clear who' }}
        limit={OPTION_LIMIT}
        nothingFoundMessage="No match"
        w={220}
      />
      <Select
        label="Key"
        placeholder="Any key"
        data={keys}
        value={filters.apiKeyId}
        onChange={(value) => set('apiKeyId', value)}
        searchable
        clearable
        clearButtonProps={{ 'aria-label': 'Clear key' }}
        limit={OPTION_LIMIT}
        nothingFoundMessage="No match"
        w={220}
      />
      <TextInput type="date" label="From" value={filters.fromDay} onChange={(e) => set('fromDay', e.currentTarget.value)} error={rangeError} w={160} />
      <TextInput type="date" label="To" value={filters.toDay} onChange={(e) => set('toDay', e.currentTarget.value)} w={160} />
      {onClear && (
        <Button variant="subtle" onClick={onClear} mt={25}>
          Clear filters
        </Button>
      )}
    </Group>
  );
});
