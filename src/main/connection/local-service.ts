/**
 * connection:start-local: runs the embedded API server (a child Node process, see
 * local-server-launcher.ts) and signs in to it. The first time, or whenever the keychain
 * has no working token for it, the server's CLI mints a new admin token, which travels from the
 * child's stdout pipe straight into the keychain (connection.connect) — never a file, argv or log.
 */
import { AppError } from '../../shared/errors.js';
import type { ConnectionState } from '../../shared/ipc/contract.js';
import type { LocalServerPort } from '../ports.js';
import type { TokenVault } from '../secrets/token-vault.js';
import type { ProfileStore } from '../store/profile-store.js';
import { LOCAL_PROFILE_ID, type ConnectionService } from './connection-service.js';

export interface LocalService {
  startLocal(): Promise<ConnectionState>;
}

export function createLocalService(deps: {
  localServer: LocalServerPort | undefined;
  connection: ConnectionService;
  profiles: ProfileStore;
  tokens: TokenVault;
}): LocalService {
  return {
    async startLocal() {
      const launcher = deps.localServer;
      if (!launcher) throw new AppError('NOT_FOUND', 'The local server is available only when RakerOne Admin runs from its source folder (npm start).');
      const file = await deps.profiles.read();
      const known = file.profiles.find((p) => p.id === LOCAL_PROFILE_ID);
      // The keychain is asked first, even for a first run: a locked one stops here, before anything starts.
      const stored = await deps.tokens.has(known ?? { id: LOCAL_PROFILE_ID, serverUrl: 'http://127.0.0.1', isLocal: true });
      const started = await launcher.start({ createAdmin: !stored || !known });
      if (started.adminToken) return deps.connection.connect(started.url, started.adminToken, { isLocal: true });
      // Same token, new port: point the local profile at where the server listens now.
      await deps.profiles.update((f) => ({ ...f, profiles: f.profiles.map((p) => (p.id === LOCAL_PROFILE_ID ? { ...p, serverUrl: started.url } : p)) }));
      const state = await deps.connection.switchTo(LOCAL_PROFILE_ID);
      if (state.status !== 'online') return state;
      try {
        await deps.connection.session()?.api.me();
        return state;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'UNAUTHORIZED') throw error;
      }
      // The stored token no longer works (the local data was reset): mint a new one.
      const again = await launcher.start({ createAdmin: true });
      if (!again.adminToken) throw new AppError('INTERNAL', 'The local server did not issue an admin token.');
      return deps.connection.connect(again.url, again.adminToken, { isLocal: true });
    },
  };
}
