/**
 * The incident shortcuts of the keys toolbar: "Created by" (the people who created keys in the list),
 * "Last used before" (a date: keys not used since — never-used keys included) and "Used from" (an
 * address: the keys the server saw it use, used-from-field.tsx). With the
 * Permission filter and the search, "every key that can write records, created by Ana" is two choices
 * away from "Select all N matching".
 */
import { NativeSelect, TextInput } from '@mantine/core';
import type { KeyFilters } from './filter-keys';
import { UsedFromField } from './used-from-field';

type Filters = Omit<KeyFilters, 'query'>;

export function IncidentFilters({
  filters,
  onChange,
  creators,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  creators: { id: string; name: string }[];
}) {
  const options = [{ value: 'any', label: 'Anyone' }, ...creators.map((person) => ({ value: person.id, label: person.name }))];
  // A filter on a person no longer in the list stays visible (and clearable) rather than silently reset.
  if (filters.createdBy !== 'any' && !creators.some((person) => person.id === filters.createdBy))
    options.push({ value: filters.createdBy, label: 'Someone no longer listed' });
  return (
    <>
      <NativeSelect
        label="Created by"
        data={options}
        value={filters.createdBy}
        onChange={(e) => onChange({ ...filters, createdBy: e.currentTarget.value })}
        w={170}
      />
      <TextInput
        type="date"
        label="Last used before"
        title="Keys last used before this day, or never used"
        value={filters.lastUsedBefore}
        onChange={(e) => onChange({ ...filters, lastUsedBefore: e.currentTarget.value })}
        w={170}
      />
      <UsedFromField value={filters.usedFrom} onChange={(usedFrom) => onChange({ ...filters, usedFrom })} />
    </>
  );
}
