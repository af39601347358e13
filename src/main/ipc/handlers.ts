/**
 * Every channel's handler, merged from the domain files. Typed as `HandlerMap`: a channel added to the
 * contract without a handler here is a compile error.
 */
import { activityHandlers } from '../activity/activity.ipc.js';
import { bulkRevokeHandlers } from '../keys/bulk-revoke.ipc.js';
import { usedFromHandlers } from '../keys/used-from.ipc.js';
import { auditHandlers } from '../audit/audit.ipc.js';
import { connectionHandlers } from '../connection/connection.ipc.js';
import { copyScreenHandlers } from '../copy-screen/copy-screen.ipc.js';
import { exportHandlers } from '../exports/export.ipc.js';
import type { CoreServices } from './core-services.js';
import type { HandlerMap } from './handler-types.js';
import { identifyHandlers } from '../identify/identify.ipc.js';
import { keysHandlers } from '../keys/keys.ipc.js';
import { allowedAddressesHandlers } from '../keys/allowed-addresses.ipc.js';
import { retirementHandlers } from '../keys/retirement.ipc.js';
import { suspensionHandlers } from '../keys/suspension.ipc.js';
import { syncHandlers } from '../connection/sync.ipc.js';

export function createHandlers(services: CoreServices): HandlerMap {
  return {
    ...connectionHandlers(services),
    ...keysHandlers(services),
    ...activityHandlers(services),
    ...allowedAddressesHandlers(services),
    ...retirementHandlers(services),
    ...suspensionHandlers(services),
    ...copyScreenHandlers(services),
    ...syncHandlers(services),
    ...identifyHandlers(services),
    ...bulkRevokeHandlers(services),
    ...usedFromHandlers(services),
    ...auditHandlers(services),
    ...exportHandlers(services),
  };
}
