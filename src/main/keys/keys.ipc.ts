/** keys:*, policy:get / policy:set, session:me and catalog:capabilities — the API keys page. */
import type { CoreServices } from '../ipc/core-services.js';
import type { DomainHandlers } from '../ipc/handler-types.js';

type Channels =
  | 'app:info'
  | 'session:me'
  | 'catalog:capabilities'
  | 'keys:list'
  | 'keys:create'
  | 'keys:rotate'
  | 'keys:revoke'
  | 'keys:details'
  | 'policy:get'
  | 'policy:set';

export function keysHandlers(s: CoreServices): DomainHandlers<Channels> {
  return {
    'app:info': async () => s.appInfo,
    'session:me': () => s.session.me(),
    'catalog:capabilities': () => s.session.capabilities(),
    'keys:list': () => s.keys.list(),
    'keys:create': (input) => s.keys.create(input),
    'keys:rotate': (input) => s.keys.rotate(input),
    'keys:revoke': ({ id }) => s.keys.revoke(id),
    'keys:details': ({ id }) => s.keys.details(id),
    'policy:get': () => s.policy.get(),
    'policy:set': (input) => s.policy.set(input),
  };
}
