/**
 * Plain channel-name lists, with no dependencies, for the sandboxed preload (which cannot load npm
 * packages). contract.ts checks at compile time that these lists and the contract agree.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'connection:state',
  'connection:connect',
  'connection:start-local',
  'connection:disconnect',
  'profiles:list',
  'profiles:switch',
  'session:me',
  'catalog:capabilities',
  'keys:list',
  'keys:create',
  'keys:rotate',
  'keys:revoke',
  'keys:details',
  'keys:activity',
  'keys:schedule-retirement',
  'keys:cancel-retirement',
  'keys:suspend',
  'keys:resume',
  'keys:bulk-suspend',
  'keys:bulk-revoke',
  'keys:used-from',
  'policy:get',
  'policy:set',
  'keys:set-allowed-addresses',
  'copy-screen:shown',
  'copy-screen:copy',
  'copy-screen:done',
  'sync:state',
  'sync:now',
  'outbox:dismiss',
  'outbox:dismiss-unreadable',
  'keys:identify',
  'keys:identify-file',
  'audit:list',
  'export:keys',
  'export:audit',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

export const EVENT_CHANNELS = ['connection:changed', 'keys:changed', 'sync:changed', 'close:blocked', 'key:open'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** The name of the bridge object the preload installs on `window`. */
export const BRIDGE_NAME = 'rakerone';
