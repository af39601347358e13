/**
 * Search, filters, the result count and the table. Its own component so a keystroke re-renders only
 * this part of the page. Filtering is synchronous on purpose: with virtualized rows a keystroke at
 * 10,000 keys is a few milliseconds of work, and measured with `npm run bench:ui` useDeferredValue
 * made it slower end to end (a second, yielding render that waits behind other tasks).
 */
import { Group, Text } from '@mantine/core';
import { forwardRef, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { KeysExportMenu } from '../export/keys-export-menu';
import { BulkBar } from './bulk/bulk-bar';
import { BulkSuspendButton } from './suspend/containment-actions';
import { BulkRevokeDialog, type BulkRevokeTarget } from './bulk/bulk-revoke-dialog';
import { DEFAULT_FILTERS, DEFAULT_SORT, creatorsOf, filterKeysCounted, filtersActive, sortKeys, type SortColumn, type SortOrder } from './filters/filter-keys';
import { FlagsFreshness } from './filters/flags-freshness';
import { UsedFromNotice, type UsedFromState } from './filters/used-from-notice';
import { useUsedFrom } from './filters/used-from-query';
import { countFlags, flagsFreshness } from './table/key-flags';
import { keysCountText } from './table/keys-count';
import { KeysAllRevoked, KeysNoMatch } from './table/keys-empty';
import { KeysTable } from './table/keys-table';
import { KeysToolbar, type SelectFilters } from './filters/keys-toolbar';
import { useSelection } from './bulk/selection';

const { query: DEFAULT_QUERY, ...DEFAULT_SELECTS } = DEFAULT_FILTERS;
const NOTHING = { keys: [] as KeyRow[], selectable: 0 };

interface Props {
  keys: KeyRow[];
  /** When the list was last confirmed by the server (the flags' freshness). */
  syncedAt: string | null;
  /** When the activity summary behind Refused requests and New address was fetched (null: never). */
  activityFetchedAt: string | null;
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
  /** Offline: the bulk revoke is queued (the dialog says so). */
  offline: boolean;
  /** The page's header, given its Export menu (the rows of the current search and filters). */
  header: (exportMenu?: ReactNode) => ReactNode;
  /** Drawn under the header instead of the filters and the table (loading, no keys yet). */
  instead: ReactNode;
}

export const KeysBrowser = forwardRef<HTMLInputElement, Props>(function KeysBrowser(
  { keys, syncedAt, activityFetchedAt, onOpen, onRevoke, offline, header, instead },
  searchRef,
) {
  const [query, setQuery] = useState(DEFAULT_QUERY);
  const [selects, setSelects] = useState<SelectFilters>(DEFAULT_SELECTS);
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  const filters = useMemo(() => ({ ...selects, query }), [selects, query]);
  const sorted = useMemo(() => sortKeys(keys, sort), [keys, sort]);
  // "Used from" is the server's answer: until there is one, no list is shown (an empty one would read as "no keys").
  const usedFrom = useUsedFrom(selects.usedFrom, offline);
  const usedFromIds = useMemo(() => (usedFrom.data?.source === 'server' ? new Set(usedFrom.data.keyIds) : null), [usedFrom.data]);
  const usedFromState: UsedFromState | null =
    selects.usedFrom === '' || usedFromIds !== null
      ? null
      : usedFrom.data?.source === 'offline'
        ? { kind: 'offline' }
        : usedFrom.isError
          ? { kind: 'failed', error: usedFrom.error }
          : { kind: 'loading' };
  const filteredKeys = useMemo(() => filterKeysCounted(sorted, filters, Date.now(), usedFromIds), [sorted, filters, usedFromIds]);
  const { keys: visible, selectable } = usedFromState === null ? filteredKeys : NOTHING;
  const counts = useMemo(() => countFlags(keys), [keys]);
  const freshness = useMemo(() => flagsFreshness(keys, syncedAt, activityFetchedAt), [keys, syncedAt, activityFetchedAt]);
  const creators = useMemo(() => creatorsOf(keys), [keys]);
  // A new search or filter starts a new selection: a key it hides can never be revoked unseen.
  const selection = useSelection(visible, filters, selectable);
  const [bulkTargets, setBulkTargets] = useState<BulkRevokeTarget[] | null>(null);
  const revokeSelected = () => {
    const [only] = selection.rows;
    // Exactly one key: the single-key dialog, as it always was.
    if (selection.rows.length === 1 && only) return onRevoke(only);
    setBulkTargets(selection.rows.map((key) => ({ id: key.id, name: key.name, hint: key.hint })));
  };

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
  const clearUsedFrom = useCallback(() => setSelects((previous) => ({ ...previous, usedFrom: '' })), []);
  const filtered = filtersActive(filters);

  const selected = selection.rows.length;
  if (instead)
    return (
      <>
        {header()}
        {instead}
      </>
    );
  return (
    <>
      {header(<KeysExportMenu keys={visible} />)}
      <KeysToolbar
        ref={searchRef}
        query={query}
        onQuery={setQuery}
        filters={selects}
        onFilters={setSelects}
        counts={counts}
        onClear={filtered ? clear : null}
        creators={creators}
      />
      {/* One line: the count and how fresh the flags are; once keys are selected, the selection bar
          takes the freshness's place (it exists only then, so it never costs the table a row). */}
      <Group gap="sm" wrap="nowrap" mih={22} className="rk-status-line">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="keys-count" style={{ flexShrink: 0 }}>
          {usedFromState === null ? keysCountText({ shown: visible.length, total: keys.length, filtered }) : ''}
        </Text>
        {selected > 0 && visible.length > 0 ? (
          <BulkBar
            selected={selected}
            selectable={selection.selectableCount}
            skipped={visible.length - selection.selectableCount}
            onSelectAll={selection.selectAll}
            onClear={selection.clear}
            onRevoke={revokeSelected}
            actions={<BulkSuspendButton keys={selection.rows} onDone={selection.clear} />}
          />
        ) : (
          <FlagsFreshness freshness={freshness} />
        )}
        <span className="rk-visually-hidden" aria-live="polite">
          {selected === 0 ? '' : selected === 1 ? '1 key selected' : `${selected} keys selected`}
        </span>
      </Group>
      {usedFromState !== null ? (
        <UsedFromNotice address={selects.usedFrom} state={usedFromState} onRetry={() => void usedFrom.refetch()} onClear={clearUsedFrom} />
      ) : visible.length === 0 && filtered ? (
        <KeysNoMatch onClear={clear} />
      ) : visible.length === 0 ? (
        // Nothing set and nothing shown: the default Status filter hid every key, so all are revoked.
        <KeysAllRevoked revokedCount={keys.length} onShowRevoked={showRevoked} />
      ) : (
        <KeysTable keys={visible} sort={sort} onSort={onSort} onOpen={onOpen} onRevoke={onRevoke} selection={selection} />
      )}
      {bulkTargets && <BulkRevokeDialog targets={bulkTargets} offline={offline} onClose={() => setBulkTargets(null)} onDone={selection.clear} />}
    </>
  );
});
