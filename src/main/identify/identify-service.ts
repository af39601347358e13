/**
 * Identify leaked keys: scan text (pasted, or a file main opens through the native dialog) for API
 * keys in a worker thread (scan-in-worker.ts: main's event loop stays free for a 50 MB file), which
 * hashes each valid one (SHA-256, as the server stores it); ask the server which keys of this
 * organization they are — in requests of at most 1,000 hashes. A checksum rejection one character
 * away from a found key names that key (near-miss.ts). The text is never stored, never
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
  type RejectedCandidate,
} from '../../shared/ipc/identify.js';
import { isUnreachable } from '../http/map-error.js';
import type { OpenFilePort } from '../ports.js';
import type { ConnectionService } from '../connection/connection-service.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { HashedKey, ScanSource } from './scan-job.js';
import { createWorkerScan, type RunScan } from './scan-in-worker.js';

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
  /** Runs a scan off main's event loop (default: a worker thread per scan). */
  scan?: RunScan;
  /** Hashes per request (the server's limit, 1,000; smaller in tests). */
  chunkSize?: number;
}

export function createIdentifyService(deps: IdentifyServiceDeps): IdentifyService {
  const runScan = deps.scan ?? createWorkerScan();
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

  async function identify(source: ScanSource): Promise<IdentifyResult> {
    deps.connection.requireSession();
    const scan = await runScan({ source, maxKeys: IDENTIFY_MAX_KEYS, maxRejectedListed: IDENTIFY_MAX_REJECTED_LISTED });
    const hashes = scan.keys.map((key) => key.secretHash);
    const named = hashes.length === 0 ? null : await lookUp(hashes);
    const keys = scan.keys.map((key, index): FoundKey => ({ ...describe(key, index), match: matchOf(named, key.secretHash) }));
    return {
      source: scan.file
        ? { kind: 'file', name: scan.file.name, bytes: scan.file.bytes }
        : { kind: 'text', characters: source.kind === 'text' ? source.text.length : 0 },
      lookup: named === null ? 'nothing-to-ask' : named === 'offline' ? 'offline' : 'named',
      keys,
      rejected: scan.rejected.map(({ resemblesKey, ...candidate }, index): RejectedCandidate => ({
        ref: `rejected-${index + 1}`,
        ...candidate,
        resembles: resemblanceOf(keys, resemblesKey),
      })),
      rejectedCount: scan.rejectedCount,
      adminTokens: scan.adminTokens,
    };
  }

  return {
    identifyText: (text) => identify({ kind: 'text', text }),
    async identifyFile() {
      deps.connection.requireSession();
      if (!deps.openFile) throw new AppError('INTERNAL', 'Opening files is not available in this window. Paste the text instead.');
      const path = await deps.openFile.chooseFile({ title: 'Scan a file for API keys', buttonLabel: 'Scan' });
      if (path === null) return null;
      return identify({ kind: 'file', path, maxBytes: IDENTIFY_FILE_MAX_BYTES });
    },
  };
}

/** What the renderer may see of a found key: never the secret, never its hash. */
function describe(key: HashedKey, index: number): Omit<FoundKey, 'match'> {
  return { ref: `found-${index + 1}`, hint: key.hint, occurrences: key.occurrences, firstSeen: key.firstSeen };
}

function matchOf(named: Map<string, ApiKeyDto | null> | 'offline' | null, hash: string): FoundKey['match'] {
  if (named === null || named === 'offline') return { kind: 'unnamed' };
  const key = named.get(hash);
  if (key === undefined) throw new AppError('INTERNAL', 'RakerOne did not answer for every key of the scan.');
  return key === null ? { kind: 'not-ours' } : { kind: 'ours', key };
}

/** The found key a mistyped candidate resembles: its ref, and its name when RakerOne named it. */
function resemblanceOf(keys: readonly FoundKey[], index: number | null): RejectedCandidate['resembles'] {
  const key = index === null ? undefined : keys[index];
  if (!key) return null;
  return { ref: key.ref, name: key.match.kind === 'ours' ? key.match.key.name : null };
}
