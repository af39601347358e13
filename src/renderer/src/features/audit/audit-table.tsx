/**
 * The audit events, virtualized (@tanstack/react-virtual; the keys table, whose rows all have one height, draws a fixed row window instead): a page of 100,000 loaded
 * events costs what a screenful does. Table semantics through ARIA; while more pages exist the total is
 * unknown (aria-rowcount -1). Reaching the last rows asks for the next page. The row holding keyboard
 * focus stays mounted, so scrolling never drops focus.
 */
import { defaultRangeExtractor, observeElementRect, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEventDto } from '@shared/http/api-keys';
import { actorText } from '../../lib/actor-text';
import { exact, relative } from '../../lib/time';
import { useMinuteTick } from '../../lib/use-minute-tick';
import { ACTION_LABEL } from './action-labels';
import { targetText } from './event-text';
import './audit-log.css';

export const AUDIT_ROW_HEIGHT = 48;
/** Ask for the next page this many rows before the end, so scrolling rarely waits for it. */
const LOAD_AHEAD_ROWS = 40;
const FALLBACK_VIEWPORT = 720;

function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 1024, height: FALLBACK_VIEWPORT }));
}

const COLUMNS = [
  { id: 'when', label: 'When', className: 'rk-cell' },
  { id: 'action', label: 'Action', className: 'rk-cell' },
  { id: 'actor', label: 'Who', className: 'rk-cell' },
  { id: 'target', label: 'About', className: 'rk-cell rk-audit-col-target' },
];

interface Props {
  events: AuditEventDto[];
  /** More pages exist after the loaded events. */
  hasMore: boolean;
  onLoadMore: () => void;
  onOpen: (event: AuditEventDto) => void;
}

export const AuditTable = memo(function AuditTable({ events, hasMore, onLoadMore, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedIndex, setFocusedIndex] = useState<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusedIndex !== null && focusedIndex < range.count && !indexes.includes(focusedIndex)) {
        indexes.push(focusedIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [focusedIndex],
  );
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => AUDIT_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => events[index]?.id ?? index,
    observeElementRect: observeRectWithFallback,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastShown >= events.length - LOAD_AHEAD_ROWS) onLoadMore();
  }, [hasMore, lastShown, events.length, onLoadMore]);

  return (
    <div role="table" aria-label="Audit events" aria-rowcount={hasMore ? -1 : events.length + 1} className="rk-table rk-audit-table">
      <div role="rowgroup" className="rk-table-head">
        <div role="row" aria-rowindex={1} className="rk-row rk-row-head rk-audit-row">
          {COLUMNS.map((column) => (
            <div key={column.id} role="columnheader" className={column.className}>
              {column.label}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="rk-table-scroll"
        data-testid="audit-table-scroll"
        onFocus={(event) => {
          const index = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index;
          setFocusedIndex(index === undefined ? null : Number(index));
        }}
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const event = events[item.index];
            return event ? <AuditRow key={item.key} event={event} index={item.index} top={item.start} onOpen={onOpen} /> : null;
          })}
        </div>
      </div>
    </div>
  );
});

/** Plain elements only: this renders for every visible row as the admin scrolls. */
const AuditRow = memo(function AuditRow({
  event,
  index,
  top,
  onOpen,
}: {
  event: AuditEventDto;
  index: number;
  top: number;
  onOpen: (event: AuditEventDto) => void;
}) {
  useMinuteTick();
  const label = ACTION_LABEL[event.action];
  const target = targetText(event);
  return (
    <div role="row" aria-rowindex={index + 2} data-index={index} className="rk-row rk-audit-row" style={{ transform: `translateY(${top}px)` }}>
      <div role="cell" className="rk-cell">
        <time dateTime={event.occurredAt} title={exact(event.occurredAt)}>
          {relative(event.occurredAt)}
        </time>
      </div>
      <div role="cell" className="rk-cell">
        <button type="button" className="rk-name-button" onClick={() => onOpen(event)} title={label} aria-haspopup="dialog">
          {label}
        </button>
      </div>
      <div role="cell" className="rk-cell rk-audit-text" title={actorText(event)}>
        {actorText(event)}
      </div>
      <div role="cell" className="rk-cell rk-audit-text rk-audit-col-target" title={target}>
        {target}
      </div>
    </div>
  );
});
