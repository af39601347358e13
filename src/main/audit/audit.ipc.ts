/** audit:list — the Audit log page. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function auditHandlers(s: CoreServices): DomainHandlers<'audit:list'> {
  return {
    'audit:list': (input) => s.audit.list(input),
  };
}
