/** keys:identify and keys:identify-file — Admin → Identify leaked keys (identify/identify-service.ts). */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

export function identifyHandlers(s: CoreServices): DomainHandlers<'keys:identify' | 'keys:identify-file'> {
  return {
    'keys:identify': ({ text }) => s.identify.identifyText(text),
    'keys:identify-file': () => s.identify.identifyFile(),
  };
}
