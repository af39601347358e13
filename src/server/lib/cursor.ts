/**
 * Keyset pagination cursors: the (timestamp, id) of the last item of a page, as opaque base64url.
 * Keyset (not offset) so pages stay stable while rows are inserted, and each page is one index range.
 */
import { AppError } from '../../shared/errors.js';
import { isStoredInstant } from '../../shared/instant.js';

export interface CursorPosition {
  at: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
}

/** Parses a cursor from a client; anything we did not produce is a 400 on the `cursor` field. */
export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Only the shapes we produce: an instant in the stored form (the database compares it with stored
    // instants as text, which orders like time only in that form) and a UUID. Anything else (a NUL
    // byte, say) would reach the database as a bound parameter and could make PostgreSQL answer with a 500.
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isStoredInstant(value[0]) && isUuid(value[1])) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('VALIDATION', 'The cursor is not valid', { issues: [{ path: 'cursor', message: 'Invalid cursor' }] });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Cuts a page fetched with limit + 1 rows into items and the cursor of the next page. */
export function pageFrom<Row, Item>(rows: Row[], limit: number, toItem: (row: Row) => Item, positionOf: (row: Row) => CursorPosition) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    nextCursor: hasMore && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
