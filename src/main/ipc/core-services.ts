/** What the domain handler maps receive: the services built by app-core. */
import type { ActivityService } from '../activity/activity-service.js';
import type { IdentifyService } from '../identify/identify-service.js';
import type { BulkRevokeService } from '../keys/bulk-revoke-service.js';
import type { UsedFromService } from '../keys/used-from-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { ExportService } from '../exports/export-service.js';
import type { ClipboardService } from '../copy-screen/clipboard-service.js';
import type { CloseGuard } from '../copy-screen/close-guard.js';
import type { ConnectionService } from '../connection/connection-service.js';
import type { CopyScreenService } from '../copy-screen/copy-screen-service.js';
import type { KeysService } from '../keys/keys-service.js';
import type { LocalService } from '../connection/local-service.js';
import type { PolicyService } from '../keys/policy-service.js';
import type { AllowedAddressesService } from '../keys/allowed-addresses-service.js';
import type { RetirementService } from '../keys/retirement-service.js';
import type { SuspensionService } from '../keys/suspension-service.js';
import type { SessionService } from '../connection/session-service.js';
import type { SyncService } from '../connection/sync-service.js';
import type { ProfileStore } from '../store/profile-store.js';

export interface CoreServices {
  appInfo: { version: string; platform: string; runtime: 'electron' | 'web' };
  connection: ConnectionService;
  local: LocalService;
  profiles: ProfileStore;
  session: SessionService;
  keys: KeysService;
  activity: ActivityService;
  bulkRevoke: BulkRevokeService;
  usedFrom: UsedFromService;
  policy: PolicyService;
  allowedAddresses: AllowedAddressesService;
  retirement: RetirementService;
  suspension: SuspensionService;
  copyScreen: CopyScreenService;
  clipboard: ClipboardService;
  guard: CloseGuard;
  sync: SyncService;
  identify: IdentifyService;
  audit: AuditService;
  exports: ExportService;
  /** Reloads the window (through the close guard); absent in the web driver. */
  requestReload?: () => void;
}
