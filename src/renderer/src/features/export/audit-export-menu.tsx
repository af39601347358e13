/**
 * The Audit log page's Export menu: every event matching the page's filter (main reads them all from
 * the server, not only the pages loaded on screen; offline, the events it kept, and the notice says so).
 */
import { useCallback } from 'react';
import type { AuditFilterInput } from '@shared/ipc/audit';
import type { ExportFormat } from '@shared/ipc/export';
import { call } from '../../lib/ipc';
import { ExportMenu } from './export-menu';

const EVENT_NOUN = { one: 'event', many: 'events' };

export function AuditExportMenu({ filter, filtered }: { filter: AuditFilterInput; filtered: boolean }) {
  const run = useCallback((format: ExportFormat) => call('export:audit', { format, filter }), [filter]);
  return <ExportMenu what={filtered ? 'the events matching the filters' : 'every event'} noun={EVENT_NOUN} run={run} />;
}
