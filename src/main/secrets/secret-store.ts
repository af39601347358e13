/**
 * Admin tokens, one per server profile, in the OS keychain (service "RakerOne Admin", account = the
 * profile id). Any keychain failure becomes a KEYCHAIN error with a hint the UI can show; there is no
 * plaintext fallback anywhere.
 */
import { AppError } from '../../shared/errors.js';
import type { SecretStore } from '../ports.js';

export const KEYCHAIN_SERVICE = 'RakerOne Admin';

/** The subset of @github/keytar we use, so tests and other platforms can pass their own. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export function keychainHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Unlock your login keychain in Keychain Access, then try again.';
  if (platform === 'win32') return 'Check that Windows Credential Manager is available for your account, then try again.';
  return 'Start and unlock your keyring (GNOME Keyring or KWallet, via the Secret Service), then try again.';
}

function keychainError(action: string, cause: unknown, platform?: NodeJS.Platform): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  // The reason comes from libsecret/Keychain and names no secret; it helps support ("locked collection").
  return new AppError('KEYCHAIN', `The system keychain could not ${action} the admin token (${reason}).`, { hint: keychainHint(platform) });
}

/** The keychain adapter. `load` defaults to importing @github/keytar lazily so plain imports stay cheap. */
export function createKeychainSecretStore(options: { load?: () => Promise<KeytarLike>; service?: string; platform?: NodeJS.Platform } = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  let keytar: Promise<KeytarLike> | null = null;
  const get = () => {
    keytar ??= (options.load ?? defaultLoad)();
    return keytar;
  };
  const guarded = async <T>(action: string, run: (k: KeytarLike) => Promise<T>): Promise<T> => {
    try {
      return await run(await get());
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw keychainError(action, error, options.platform);
    }
  };
  return {
    get: (account) => guarded('read', (k) => k.getPassword(service, account)),
    set: (account, secret) => guarded('save', (k) => k.setPassword(service, account, secret)),
    delete: (account) => guarded('delete', (k) => k.deletePassword(service, account)),
  };
}

async function defaultLoad(): Promise<KeytarLike> {
  const mod = (await import('@github/keytar')) as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}

/** An in-memory store for unit tests and for demos; `fail` simulates a locked keychain. */
export function createMemorySecretStore(): SecretStore & { entries: Map<string, string>; fail: string | null } {
  const entries = new Map<string, string>();
  const store = {
    entries,
    fail: null as string | null,
    async get(account: string) {
      if (store.fail) throw keychainError('read', new Error(store.fail));
      return entries.get(account) ?? null;
    },
    async set(account: string, secret: string) {
      if (store.fail) throw keychainError('save', new Error(store.fail));
      entries.set(account, secret);
    },
    async delete(account: string) {
      if (store.fail) throw keychainError('delete', new Error(store.fail));
      return entries.delete(account);
    },
  };
  return store;
}
