/**
 * Identify leaked keys: scan text (pasted, or a file main opens through the native dialog) for API
 * keys, hash each valid one here (SHA-256, as the server stores it), and ask the server which keys of
 * this organization they are — in requests of at most 1,000 hashes. The text is never stored, never
 * logged and never sent anywhere: only hashes leave this process, and only hints and positions go
 * back to the renderer. Offline (or when the server cannot be reached mid-scan) the scan still finds
 * and counts the keys; they are `unnamed` until the app reconnects and the person scans again.
 */
import { AppError } from '../../shared/errors.js';
import { BULK_MAX, type ApiKeyDto } from '../../shared/http/api-keys.js';
import {
  IDENTIFY_FILE_MAX_BYTES,
  IDENTIFY_MAX_KEYS,
  IDENTIFY_MAX_REJECTED_LISTED,
  type FoundKey,
  type IdentifyResult,
} from '../../shared/ipc/identify.js';
import { hashSecret } from '../../shared/key-format.js';
import { isUnreachable } from '../http/map-error.js';
import type { OpenFilePort } from '../ports.js';
import type { ConnectionService } from '../services/connection-service.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import { readTextFile, type TextFile } from './read-text-file.js';
import { scanForKeys, type ScannedKey } from './scan-keys.js';

export interface IdentifyService {
  identifyText(text: string): Promise<IdentifyResult>;
  /** Null when the person closed the dialog without choosing a file. */
  identifyFile(): Promise<IdentifyResult | null>;
}

export interface IdentifyServiceDeps {
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'isOnline'>;
  /** Absent where there is no window to open a dialog on (keys:identify-file then says so). */
  openFile?: OpenFilePort;
  readFile?: (path: string, maxBytes: number) => Promise<TextFile>;
  /** Hashes per request (the server's limit, 1,000; smaller in tests). */
  chunkSize?: number;
}

export function createIdentifyService(deps: IdentifyServiceDeps): IdentifyService {
  const readFile = deps.readFile ?? readTextFile;
  const chunkSize = Math.min(deps.chunkSize ?? BULK_MAX, BULK_MAX);

  /** hash → the server's row, or null for no key of ours; `offline` if the server could not be asked. */
  async function lookUp(hashes: string[]): Promise<Map<string, ApiKeyDto | null> | 'offline'> {
    const { api } = deps.connection.requireSession();
    if (!deps.sync.isOnline()) return 'offline';
    const named = new Map<string, ApiKeyDto | null>();
    try {
      for (let start = 0; start < hashes.length; start += chunkSize) {
        const answer = await api.identifyKeys(hashes.slice(start, start + chunkSize));
        for (const match of answer.matches) named.set(match.secretHash, match.apiKey);
        for (const hash of answer.unknown) named.set(hash, null);
      }
    } catch (error) {
      // The link has heard of it (observed-api.ts). A half-named list would read as "not ours" for
      // the rest: say offline for all of them instead.
      if (isUnreachable(error)) return 'offline';
      throw error;
    }
    return named;
  }

  async function identify(text: string, source: IdentifyResult['source']): Promise<IdentifyResult> {
    deps.connection.requireSession();
    const scan = scanForKeys(text, { maxKeys: IDENTIFY_MAX_KEYS, maxRejectedListed: IDENTIFY_MAX_REJECTED_LISTED });
    const hashes = scan.keys.map((key) => hashSecret(key.secret));
    const named = hashes.length === 0 ? null : await lookUp(hashes);
    const keys = scan.keys.map((key, index): FoundKey => ({ ...describe(key, index), match: matchOf(named, hashes[index]!) }));
    return {
      source,
      lookup: named === null ? 'nothing-to-ask' : named === 'offline' ? 'offline' : 'named',
      keys,
      rejected: scan.rejected.map((candidate, index) => ({ ref: `rejected-${index + 1}`, ...candidate })),
      rejectedCount: scan.rejectedCount,
      adminTokens: scan.adminTokens,
    };
  }

  return {
    identifyText: (text) => identify(text, { kind: 'text', characters: text.length }),
    async identifyFile() {
      deps.connection.requireSession();
      if (!deps.openFile) throw new AppError('INTERNAL', 'Opening files is not available in this window. Paste the text instead.');
      const path = await deps.openFile.chooseFile({ title: 'Scan a file for API keys', buttonLabel: 'Scan' });
      if (path === null) return null;
      const file = await readFile(path, IDENTIFY_FILE_MAX_BYTES);
      return identify(file.text, { kind: 'file', name: file.name, bytes: file.bytes });
    },
  };
}

/** What the renderer may see of a found key: never the secret, never its hash. */
function describe(key: ScannedKey, index: number): Omit<FoundKey, 'match'> {
  return { ref: `found-${index + 1}`, hint: key.hint, occurrences: key.occurrences, firstSeen: key.firstSeen };
}

function matchOf(named: Map<string, ApiKeyDto | null> | 'offline' | null, hash: string): FoundKey['match'] {
  if (named === null || named === 'offline') return { kind: 'unnamed' };
  const key = named.get(hash);
  if (key === undefined) throw new AppError('INTERNAL', 'RakerOne did not answer for every key of the scan.');
  return key === null ? { kind: 'not-ours' } : { kind: 'ours', key };
}
