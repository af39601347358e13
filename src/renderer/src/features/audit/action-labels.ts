/**
 * The audit log's words for actions and actors. The action labels and sentences are the shared
 * wording (shared/wording/audit-actions.ts), re-exported for the audit page;
 * this adds the Action filter's options (who did it: lib/actor-text.ts).
 */
import type { AuditAction } from '@shared/http/api-keys';
import { ACTION_LABEL } from '@shared/wording/audit-actions';

export { ACTION_LABEL, ACTION_TEXT } from '@shared/wording/audit-actions';

/** The Action filter's options, in ACTION_LABEL's order (key events first: what incident response needs). */
export const ACTION_OPTIONS = (Object.keys(ACTION_LABEL) as AuditAction[]).map((value) => ({ value, label: ACTION_LABEL[value] }));
