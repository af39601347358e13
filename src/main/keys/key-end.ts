/**
 * An end for a key (a create's expiry, a retirement's time) checked against main's injected clock when
 * the admin's action arrives: strictly ahead, at most 3,650 days (shared/key-expiry.ts, the rule the
 * dialog and the server apply too). The IPC schemas check only that it is an instant, since a schema
 * parsed in main must not read a clock of its own; the refusal is the dispatcher's, field and all
 * (VALIDATION, "Some fields are not valid.", the issue on its path), before anything is queued.
 */
import { AppError } from '../../shared/errors.js';
import { keyEndIssue } from '../../shared/key-expiry.js';

export function requireKeyEnd(at: string, nowMs: number, field: { path: string; what: string }): void {
  const issue = keyEndIssue(at, nowMs, field.what);
  if (issue !== null) throw new AppError('VALIDATION', 'Some fields are not valid.', { issues: [{ path: field.path, message: issue }] });
}
