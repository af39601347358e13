/** export:keys, export:audit — files written in main after the native save dialog (src/main/exports/). */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function exportHandlers(s: CoreServices): DomainHandlers<'export:keys' | 'export:audit'> {
  return {
    'export:keys': (input) => s.exports.keys(input),
    'export:audit': (input) => s.exports.audit(input),
  };
}
