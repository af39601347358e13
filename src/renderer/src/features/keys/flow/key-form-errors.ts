/**
 * A VALIDATION error from main or the server, placed on the create form: `name`, `capabilities` and
 * `expiresAt` and `allowedAddresses` (the key policy) issues sit on their fields; every other path (`canImpersonate`, a field added later, none at all)
 * goes to the form-level alert, so no issue is ever dropped unseen.
 */
import type { AppErrorDto } from '@shared/errors';
import { describeError, fieldErrors } from '../../../lib/report-error';

const FIELDS_WITH_THEIR_OWN_ERROR = new Set(['name', 'capabilities', 'expiresAt', 'allowedAddresses']);
const LABELS: Record<string, string> = { canImpersonate: 'Can impersonate users' };

export function keyFormErrors(error: AppErrorDto): Record<string, string> {
  const result: Record<string, string> = {};
  const formLevel: string[] = [];
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    if (FIELDS_WITH_THEIR_OWN_ERROR.has(field)) result[field] = message;
    else formLevel.push(LABELS[field] ? `${LABELS[field]}: ${message}` : message);
  }
  if (formLevel.length > 0) result.form = formLevel.join(' ');
  if (Object.keys(result).length === 0) result.form = describeError(error).message;
  return result;
}
