/** copy-screen:* — the one screen that shows a new key, and the clipboard. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

type Channels = 'copy-screen:shown' | 'copy-screen:copy' | 'copy-screen:done';

export function copyScreenHandlers(s: CoreServices): DomainHandlers<Channels> {
  return {
    'copy-screen:shown': async ({ id }) => {
      s.copyScreen.shown(id);
      return null;
    },
    'copy-screen:copy': ({ id }) => s.copyScreen.copy(id),
    'copy-screen:done': async ({ id }) => {
      await s.copyScreen.done(id);
      return null;
    },
  };
}
