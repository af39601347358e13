/** connection:* and profiles:* — which server, as whom. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

type Channels = 'connection:state' | 'connection:connect' | 'connection:start-local' | 'connection:disconnect' | 'profiles:list' | 'profiles:switch';

export function connectionHandlers(s: CoreServices): DomainHandlers<Channels> {
  return {
    'connection:state': () => s.connection.state(),
    'connection:connect': ({ serverUrl, adminToken }) => s.connection.connect(serverUrl, adminToken),
    'connection:start-local': () => s.local.startLocal(),
    'connection:disconnect': () => s.connection.disconnect(),
    'profiles:list': async () => {
      const file = await s.profiles.read();
      return { profiles: file.profiles, activeId: file.activeId };
    },
    'profiles:switch': async ({ profileId }) => {
      const state = await s.connection.switchTo(profileId);
      // Nothing of the previous organization may linger in the renderer: start it afresh.
      s.requestReload?.();
      return state;
    },
  };
}
