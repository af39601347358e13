/**
 * Search, filters, the result count and the table. Its own component so a keystroke re-renders only
 * this part of the page. Filtering is synchronous on purpose: with virtualized rows a keystroke at
 * 10,000 keys is a few milliseconds of work, and measured with `npm run bench:ui` useDeferredValue
 * made it slower end to end (a second, yielding render that waits behind other tasks).
 */
import { Text } from '@mantine/core';
import { forwardRef, useCallback, useMemo, useState } from 'react';
import type { KeyRow } from '../../../../shared/ipc/contract';
import { KeysExportMenu } from '../export/keys-export-menu';
import { DEFAULT_FILTERS, DEFAULT_SORT, filterKeys, filtersActive, sortKeys, type SortColumn, type SortOrder } from './filter-keys';
import { keysCountText } from './keys-count';
import { KeysAllRevoked, KeysNoMatch } from './keys-empty';
import { KeysTable } from './keys-table';
import { KeysToolbar, type SelectFilters } from './keys-toolbar';

const { query: DEFAULT_QUERY, ...DEFAULT_SELECTS } = DEFAULT_FILTERS;

interface Props {
  keys: KeyRow[];
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
}

export const KeysBrowser = forwardRef<HTMLInputElement, Props>(function KeysBrowser({ keys, onOpen, onRevoke }, searchRef) {
  const [query, setQuery] = useState(DEFAULT_QUERY);
  const [selects, setSelects] = useState<SelectFilters>(DEFAULT_SELECTS);
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  const filters = useMemo(() => ({ ...selects, query }), [selects, query]);
  const sorted = useMemo(() => sortKeys(keys, sort), [keys, sort]);
  const visible = useMemo(() => filterKeys(sorted, filters), [sorted, filters]);

  const onSort = useCallback(
    (column: SortColumn) =>
      setSort((previous) =>
        previous.column === column
          ? { column, direction: previous.direction === 'ascending' ? 'descending' : 'ascending' }
          : { column, direction: column === 'name' ? 'ascending' : 'descending' },
      ),
    [],
  );

  const clear = useCallback(() => {
    setQuery(DEFAULT_QUERY);
    setSelects(DEFAULT_SELECTS);
  }, []);
  const showRevoked = useCallback(() => setSelects((previous) => ({ ...previous, status: 'revoked' })), []);
  const filtered = filtersActive(filters);

  return (
    <>
      <KeysToolbar
        ref={searchRef}
        query={query}
        onQuery={setQuery}
        filters={selects}
        onFilters={setSelects}
        onClear={filtered ? clear : null}
        actions={<KeysExportMenu keys={visible} />}
      />
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="keys-count">
        {keysCountText({ shown: visible.length, total: keys.length, filtered })}
      </Text>
      {visible.length === 0 && filtered ? (
        <KeysNoMatch onClear={clear} />
      ) : visible.length === 0 ? (
        // Nothing set and nothing shown: the default Status filter hid every key, so all are revoked.
        <KeysAllRevoked revokedCount={keys.length} onShowRevoked={showRevoked} />
      ) : (
        <KeysTable keys={visible} sort={sort} onSort={onSort} onOpen={onOpen} onRevoke={onRevoke} />
      )}
    </>
  );
});
