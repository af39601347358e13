/** What the domain handler maps receive: the services built by app-core. */
import type { IdentifyService } from '../identify/identify-service.js';
import type { BulkRevokeService } from '../services/bulk-revoke-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { ExportService } from '../exports/export-service.js';
import type { ClipboardService } from '../services/clipboard-service.js';
import type { CloseGuard } from '../services/close-guard.js';
import type { ConnectionService } from '../services/connection-service.js';
import type { CopyScreenService } from '../services/copy-screen-service.js';
import type { KeysService } from '../services/keys-service.js';
import type { LocalService } from '../services/local-service.js';
import type { PolicyService } from '../services/policy-service.js';
import type { RetirementService } from '../services/retirement-service.js';
import type { SessionService } from '../services/session-service.js';
import type { SyncService } from '../services/sync-service.js';
import type { ProfileStore } from '../store/profile-store.js';

export interface CoreServices {
  appInfo: { version: string; platform: string; runtime: 'electron' | 'web' };
  connection: ConnectionService;
  local: LocalService;
  profiles: ProfileStore;
  session: SessionService;
  keys: KeysService;
  bulkRevoke: BulkRevokeService;
  policy: PolicyService;
  retirement: RetirementService;
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
