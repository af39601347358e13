/** sync:* and outbox:* — the queue of offline actions. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

type Channels = 'sync:state' | 'sync:now' | 'outbox:dismiss' | 'outbox:dismiss-unreadable';

export function syncHandlers(s: CoreServices): DomainHandlers<Channels> {
  return {
    'sync:state': () => s.sync.state(),
    'sync:now': () => s.sync.now(),
    'outbox:dismiss': ({ outboxId }) => s.sync.dismiss(outboxId),
    'outbox:dismiss-unreadable': () => s.sync.dismissUnreadable(),
  };
}
