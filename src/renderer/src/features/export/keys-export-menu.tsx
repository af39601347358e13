/** The keys page's Export menu: the rows of the current filter, in the table's order. */
import { useCallback, useMemo } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import type { ExportFormat } from '@shared/ipc/export';
import { call } from '../../lib/ipc';
import { ExportMenu } from './export-menu';

const KEY_NOUN = { one: 'key', many: 'keys' };

export function KeysExportMenu({ keys }: { keys: readonly KeyRow[] }) {
  const ids = useMemo(() => keys.map((key) => key.id), [keys]);
  const run = useCallback((format: ExportFormat) => call('export:keys', { format, ids }), [ids]);
  const what = `${ids.length.toLocaleString()} ${ids.length === 1 ? KEY_NOUN.one : KEY_NOUN.many}`;
  return <ExportMenu what={what} noun={KEY_NOUN} run={run} disabled={ids.length === 0} />;
}
