/**
 * An in-memory `window.rakerone` for renderer tests: component tests in happy-dom, and (bundled as an
 * IIFE by test/integration/renderer/harness.ts) the axe and benchmark runs in Chromium. It follows the
 * IPC contract's behaviour closely enough to drive every screen: online/offline, queued actions,
 * failures on demand, and the events main pushes.
 *
 * Everything crosses the real contract, as it does in main's dispatcher: inputs are parsed with the
 * channel's input schema (invalid → VALIDATION, as main answers), every answer with its output schema,
 * every error with the error schema and every event with its event schema — an answer that main could
 * not give throws, so renderer tests cannot drift from main.
 */
import './zod-jitless';
import { CAPABILITIES, CAPABILITY_SLUGS, type CapabilitySlug, type Role } from '../../src/shared/capabilities';
import { AppErrorDtoSchema, type AppErrorDto, type Result } from '../../src/shared/errors';
import { KeyNameSchema, type AuditEventDto, type KeyPolicy } from '../../src/shared/http/api-keys';
import type { MeResponse } from '../../src/shared/http/me';
import type { RakerOneBridge } from '../../src/shared/ipc/bridge';
import type {
  ConnectionState,
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
  KeyRow,
  Profile,
  SyncState,
} from '../../src/shared/ipc/contract';
import type { IdentifyResult } from '../../src/shared/ipc/identify';
import { eventContract, invokeContract } from '../../src/shared/ipc/contract';
import type { KeyUsageView } from '../../src/shared/ipc/key-flags';
import type { KeyActivityView } from '../../src/shared/ipc/activity';
import { fakeActivityView } from './fake-activity';
import { keyRow } from './api-key-dto';
import { fakeBulkRevoke } from './fake-bulk-revoke';
import { fakeBulkSuspend, fakeResume, fakeSuspend } from './fake-containment';
import { generateAuditEvents, listAuditPage } from './fake-audit';
import type { AuditPage } from '../../src/shared/ipc/audit';

export interface FakeScenario {
  connection?: ConnectionState['status'];
  /** The error main reports with the connection state (e.g. a stored profile it refused). */
  connectionError?: ConnectionState['error'];
  role?: Role;
  /** Keys to start with, or how many to generate. */
  keys?: KeyRow[] | number;
  syncedAt?: string | null;
  failed?: SyncState['failed'];
  /** Creates reach the server but their answer is lost: queued, and they may already work. */
  createAnswerLost?: boolean;
  unreadable?: SyncState['unreadable'];
  syncing?: { done: number; total: number } | null;
  clipboardClearSeconds?: number;
  /** Delay every answer, to see loading states. */
  latencyMs?: number;
  /** Adds a second saved profile (another organization) to switch to. */
  otherProfile?: boolean;
  /** A fixed "now" for generated data, so runs are reproducible. */
  now?: string;
  /** The key policy policy:get answers (default: none); null = never read (offline since sign-in). */
  policy?: KeyPolicy | null;
  /** What keys:identify and keys:identify-file answer (default: nothing found); the file dialog cancelled when null. */
  identify?: (source: IdentifyResult['source']) => IdentifyResult;
  identifyFile?: { name: string; bytes: number } | null;
  /** The organization's audit log (audit:list), or how many events to generate (about the scenario's keys). */
  audit?: AuditEventDto[] | number;
  /** What the save dialog of an export does: the person cancels, or saves in this folder (default /home/ada/Downloads). */
  saveDialog?: 'cancel' | { folder: string };
}

interface Call {
  channel: InvokeChannel;
  input: unknown;
}

const NOW = '2026-11-20T12:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;

export const ORGANIZATION = { id: 'org-1', slug: 'acme', name: 'Acme Operations' };
export const PERSON = { id: 'person-1', email: 'ada@acme.test', name: 'Ada Admin' };

function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

let nextId = 1;

/** A key row of the fake bridge's organization (test/helpers/api-key-dto.ts's `keyRow`, created by Ada, used, two permissions); override what a test cares about. */
export function makeKey(overrides: Partial<KeyRow> = {}): KeyRow {
  const id = overrides.id ?? uuid(nextId++);
  return keyRow({
    id,
    name: 'Data import service',
    capabilities: ['data-record:read', 'data-record:write'],
    hint: `rkr_key_…${id.slice(-4).toUpperCase()}`,
    createdBy: { id: PERSON.id, name: PERSON.name },
    lastUsedAt: '2026-11-19T08:00:00.000Z',
    ...overrides,
  });
}

const WORDS = [
  'Data',
  'import',
  'export',
  'billing',
  'webhook',
  'nightly',
  'sync',
  'CRM',
  'ledger',
  'audit',
  'report',
  'Zapier',
  'backup',
  'intake',
  'payroll',
  'ops',
];

/** Deterministic keys for large-list tests and the benchmark. */
export function generateKeys(count: number, now: string = NOW): KeyRow[] {
  const base = Date.parse(now);
  const keys: KeyRow[] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    const words = [WORDS[Math.floor(random() * WORDS.length)], WORDS[Math.floor(random() * WORDS.length)], 'service'];
    const capabilities = CAPABILITY_SLUGS.filter(() => random() < 0.2);
    const createdMs = base - Math.floor(random() * 400) * DAY;
    const lastUsed = random() < 0.2 ? null : new Date(Math.min(base, createdMs + Math.floor(random() * 300) * DAY)).toISOString();
    keys.push(
      makeKey({
        id: uuid(100_000 + i),
        name: `${words.join(' ')} ${String(i).padStart(5, '0')}`,
        capabilities,
        canImpersonate: random() < 0.05,
        createdAt: new Date(createdMs).toISOString(),
        lastUsedAt: lastUsed,
      }),
    );
  }
  return keys;
}

export interface FakeBridge {
  bridge: RakerOneBridge;
  calls: Call[];
  connection: ConnectionState;
  keys: KeyRow[];
  sync: SyncState;
  role: Role;
  /** The key policy: policy:get answers it, and keys:create enforces it as the server does. */
  policy: KeyPolicy | null;
  /** keys:details answers each key's usage from here (absent: never fetched). */
  usage: Map<string, KeyUsageView>;
  /** keys:activity answers from here (absent: 30 quiet days online, nothing kept offline); see fake-activity.ts. */
  activity: Map<string, KeyActivityView>;
  /** The audit log audit:list pages through (newest first). */
  audit: AuditEventDto[];
  /** keys:used-from answers the ids listed here for a (normalized) address, as the server's `usedFrom` does; none: no key. */
  usedFrom: Map<string, string[]>;
  /** When main last fetched the activity summary (keys:list's `activityFetchedAt`). */
  activityFetchedAt: string | null;
  /** Make the next call on `channel` fail with `error`. */
  failNext(channel: InvokeChannel, error: AppErrorDto): void;
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  setStatus(status: ConnectionState['status']): void;
  callsTo(channel: InvokeChannel): unknown[];
}

export function createFakeBridge(scenario: FakeScenario = {}): FakeBridge {
  const now = scenario.now ?? NOW;
  const profile = (local: boolean, serverUrl: string): Profile => ({
    id: local ? 'profile-local' : 'profile-1',
    serverUrl,
    isLocal: local,
    organization: ORGANIZATION,
    person: { ...PERSON, role: scenario.role ?? 'admin' },
  });
  const status = scenario.connection ?? 'online';
  const profiles: Profile[] = status === 'disconnected' ? [] : [profile(false, 'https://rakerone.acme.test')];
  if (scenario.otherProfile) {
    profiles.push({
      id: 'profile-2',
      serverUrl: 'https://rakerone.globex.test',
      isLocal: false,
      organization: { id: 'org-2', slug: 'globex', name: 'Globex' },
      person: null,
    });
  }
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const failures = new Map<InvokeChannel, AppErrorDto>();
  const calls: Call[] = [];

  const fake: FakeBridge = {
    bridge: undefined as unknown as RakerOneBridge,
    calls,
    role: scenario.role ?? 'admin',
    policy: scenario.policy === undefined ? { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false } : scenario.policy,
    usage: new Map(),
    usedFrom: new Map(),
    activityFetchedAt: scenario.syncedAt === undefined ? now : scenario.syncedAt,
    activity: new Map(),
    connection: {
      status,
      profile: profiles[0] ?? null,
      lastSyncedAt: scenario.syncedAt === undefined ? now : scenario.syncedAt,
      error: scenario.connectionError ?? null,
    },
    keys: typeof scenario.keys === 'number' ? generateKeys(scenario.keys, now) : [...(scenario.keys ?? [])],
    audit: [],
    sync: {
      status: scenario.syncing ? 'syncing' : status === 'offline' ? 'offline' : 'idle',
      pending: 0,
      progress: scenario.syncing ?? null,
      failed: scenario.failed ?? [],
      lastSyncedAt: scenario.syncedAt === undefined ? now : scenario.syncedAt,
      nextRetryAt: null,
      unreadable: scenario.unreadable ?? null,
    },
    failNext: (channel, error) => void failures.set(channel, error),
    emit: (event, payload) => {
      const checked = eventContract[event].parse(payload);
      listeners.get(event)?.forEach((listener) => listener(checked));
    },
    setStatus: (next) => {
      fake.connection = { ...fake.connection, status: next };
      fake.sync = { ...fake.sync, status: next === 'offline' ? 'offline' : 'idle' };
      fake.emit('connection:changed', fake.connection);
      fake.emit('sync:changed', fake.sync);
    },
    callsTo: (channel) => calls.filter((call) => call.channel === channel).map((call) => call.input),
  };

  fake.audit = typeof scenario.audit === 'number' ? generateAuditEvents(scenario.audit, now, fake.keys.slice(0, 200)) : [...(scenario.audit ?? [])];
  const offline = () => fake.connection.status === 'offline';
  const pendingCount = () => fake.keys.filter((key) => key.pending && key.pending.state !== 'failed').length;
  const touchKeys = (reason: EventPayload<'keys:changed'>['reason']) => {
    fake.sync = { ...fake.sync, pending: pendingCount() };
    fake.emit('keys:changed', { reason });
    fake.emit('sync:changed', fake.sync);
  };
  const validation = (path: string, message: string): AppErrorDto => ({ code: 'VALIDATION', message, details: { issues: [{ path, message }] } });

  const handlers: { [C in InvokeChannel]: (input: InvokeInput<C>) => InvokeOutput<C> | AppErrorDto } = {
    'app:info': () => ({ version: '0.1.0-test', platform: 'linux', runtime: 'web' }),
    'connection:state': () => fake.connection,
    'connection:connect': (input) => {
      if (input.adminToken === 'rejected-token') return { code: 'UNAUTHORIZED', message: 'The admin token was not accepted.' };
      const next = profile(false, input.serverUrl);
      profiles.splice(0, profiles.length, next);
      fake.connection = { status: 'online', profile: next, lastSyncedAt: now, error: null };
      fake.emit('connection:changed', fake.connection);
      return fake.connection;
    },
    'connection:start-local': () => {
      const next = profile(true, 'http://127.0.0.1:4750');
      profiles.splice(0, profiles.length, next);
      fake.connection = { status: 'online', profile: next, lastSyncedAt: now, error: null };
      fake.emit('connection:changed', fake.connection);
      return fake.connection;
    },
    'connection:disconnect': () => {
      fake.connection = { status: 'disconnected', profile: null, lastSyncedAt: null, error: null };
      return fake.connection;
    },
    'profiles:list': () => ({ profiles, activeId: fake.connection.profile?.id ?? null }),
    'profiles:switch': (input) => {
      const next = profiles.find((p) => p.id === input.profileId);
      if (!next) return { code: 'NOT_FOUND', message: 'No such profile.' };
      fake.connection = { ...fake.connection, profile: next };
      return fake.connection;
    },
    'session:me': (): MeResponse | AppErrorDto => {
      if (fake.connection.status === 'unauthorized') return { code: 'UNAUTHORIZED', message: 'Sign in again.' };
      return {
        kind: 'person',
        person: { ...PERSON, role: fake.role },
        organization: ORGANIZATION,
        capabilities: CAPABILITIES.filter((c) => (c.roles as readonly Role[]).includes(fake.role)).map((c) => c.slug),
        projects: [],
      };
    },
    'catalog:capabilities': () => ({ items: CAPABILITIES.map((c) => ({ ...c, roles: [...c.roles] })) }),
    'keys:list': () => ({
      keys: fake.keys,
      syncedAt: fake.sync.lastSyncedAt,
      activityFetchedAt: fake.activityFetchedAt,
      source: offline() ? 'cache' : 'server',
    }),
    'policy:get': () => ({ policy: fake.policy, fetchedAt: fake.policy ? now : null, source: offline() ? 'cache' : 'server' }),
    'policy:set': (input) => {
      // As main: a policy change needs the server.
      if (offline()) return { code: 'NETWORK', message: 'Changing the key policy needs the server, and RakerOne Admin is offline.' };
      fake.policy = { ...input, requireAllowedAddresses: input.requireAllowedAddresses ?? false };
      return { policy: fake.policy, fetchedAt: new Date().toISOString(), source: 'server' };
    },
    'keys:set-allowed-addresses': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'This key does not exist.' };
      if (key.status !== 'active') return { code: 'CONFLICT', message: 'This key is already revoked.' };
      // As main: offline the change is queued ("Allowed addresses pending"); the row shows the list it will send.
      const pending = offline()
        ? {
            outboxId: `outbox-allowed-${key.id}`,
            action: 'set-allowed-addresses' as const,
            state: 'queued' as const,
            error: null,
            queuedAt: new Date().toISOString(),
            mayBeApplied: false,
          }
        : null;
      const next: KeyRow = { ...key, allowedAddresses: input.allowedAddresses, allowedAddressesPending: pending !== null, pending: key.pending ?? pending };
      fake.keys = fake.keys.map((k) => (k.id === next.id ? next : k));
      touchKeys('allowed-addresses');
      return next;
    },
    'keys:create': (input) => createKey(input, null),
    'keys:rotate': (input) => createKey(input, input.oldKeyId),
    'keys:revoke': (input) => {
      const index = fake.keys.findIndex((key) => key.id === input.id);
      const key = fake.keys[index];
      if (!key) return { code: 'NOT_FOUND', message: 'That key does not exist.' };
      const revoked: KeyRow = offline()
        ? {
            ...key,
            pending: { outboxId: `outbox-${key.id}`, action: 'revoke', state: 'queued', error: null, queuedAt: new Date().toISOString(), mayBeApplied: false },
          }
        : { ...key, status: 'revoked', revokedAt: new Date().toISOString(), pending: null };
      fake.keys = fake.keys.map((k, i) => (i === index ? revoked : k));
      touchKeys('revoked');
      return revoked;
    },
    'keys:schedule-retirement': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'This key does not exist.' };
      if (key.status !== 'active') return { code: 'CONFLICT', message: 'This key is already revoked.' };
      const plan = input.plan;
      const scheduledRevocation = 'at' in plan ? { at: plan.at } : { afterFirstUseOf: plan.afterFirstUseOf, graceSeconds: plan.graceSeconds, at: null };
      const pending = offline()
        ? {
            outboxId: `outbox-retire-${key.id}`,
            action: 'schedule-retirement' as const,
            state: 'queued' as const,
            error: null,
            queuedAt: new Date().toISOString(),
            mayBeApplied: false,
          }
        : null;
      return replaceKey({ ...key, scheduledRevocation, pending: key.pending ?? pending });
    },
    'keys:cancel-retirement': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'This key does not exist.' };
      if (key.status === 'revoked') return { code: 'CONFLICT', message: 'This key is already revoked: its retirement cannot be cancelled.' };
      // Offline, a schedule that was never sent is dropped locally; one the server has needs a queued cancel.
      if (key.pending?.action === 'schedule-retirement' && !key.pending.mayBeApplied) return replaceKey({ ...key, scheduledRevocation: null, pending: null });
      if (offline()) {
        return replaceKey({
          ...key,
          pending: {
            outboxId: `outbox-cancel-${key.id}`,
            action: 'cancel-retirement',
            state: 'queued',
            error: null,
            queuedAt: new Date().toISOString(),
            mayBeApplied: false,
          },
        });
      }
      return replaceKey({ ...key, scheduledRevocation: null, pending: null });
    },
    'keys:suspend': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'This key does not exist.' };
      const next = fakeSuspend(key, input.reason.trim(), { offline: offline(), now: new Date().toISOString() });
      return 'code' in next ? next : replaceKey(next);
    },
    'keys:resume': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'This key does not exist.' };
      const next = fakeResume(key, { offline: offline(), now: new Date().toISOString() });
      return 'code' in next ? next : replaceKey(next);
    },
    'keys:bulk-suspend': (input) => {
      const { keys, result } = fakeBulkSuspend(fake.keys, input.ids, input.reason.trim(), { offline: offline(), now: new Date().toISOString() });
      fake.keys = keys;
      touchKeys('suspension');
      return result;
    },
    'keys:bulk-revoke': (input) => {
      const { keys, result } = fakeBulkRevoke(fake.keys, input.ids, { offline: offline(), now: new Date().toISOString() });
      fake.keys = keys;
      touchKeys('revoked');
      return result;
    },
    // As main: the server's answer, or `offline` (never an empty list) when it cannot be asked.
    'keys:used-from': (input) =>
      offline()
        ? { source: 'offline', address: input.address }
        : { source: 'server', address: input.address, keyIds: fake.usedFrom.get(input.address) ?? [], asOf: now },
    'keys:details': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'That key does not exist.' };
      return {
        key,
        usage: fake.usage.get(key.id) ?? null,
        auditAvailable: !offline(),
        auditEvents: offline()
          ? []
          : [
              {
                id: uuid(900_000),
                occurredAt: key.createdAt,
                action: 'api_key.created' as const,
                actor: { type: 'person' as const, id: PERSON.id, name: PERSON.name, viaKey: null },
                target: { type: 'apiKey', id: key.id, name: key.name },
                details: null,
              },
            ],
      };
    },
    'keys:activity': (input) => {
      const key = fake.keys.find((k) => k.id === input.id);
      if (!key) return { code: 'NOT_FOUND', message: 'That key does not exist.' };
      return fakeActivityView(fake.activity.get(key.id), { offline: offline(), now: new Date() });
    },
    'copy-screen:shown': () => null,
    'copy-screen:copy': () => ({ clearsAt: new Date(Date.now() + (scenario.clipboardClearSeconds ?? 60) * 1000).toISOString() }),
    'copy-screen:done': () => null,
    'sync:state': () => fake.sync,
    'sync:now': () => fake.sync,
    'outbox:dismiss': (input) => {
      fake.sync = { ...fake.sync, failed: fake.sync.failed.filter((item) => item.outboxId !== input.outboxId) };
      return fake.sync;
    },
    'keys:identify': (input) => (scenario.identify ?? nothingFound)({ kind: 'text', characters: input.text.length }),
    'keys:identify-file': () => (scenario.identifyFile ? (scenario.identify ?? nothingFound)({ kind: 'file', ...scenario.identifyFile }) : null),
    'outbox:dismiss-unreadable': () => {
      fake.sync = { ...fake.sync, unreadable: null };
      return fake.sync;
    },
    'audit:list': (input) => listAuditPage(fake.audit, invokeContract['audit:list'].input.parse(input), { offline: offline(), now }),
    'export:keys': (input) => {
      if (scenario.saveDialog === 'cancel') return { status: 'cancelled' };
      const folder = scenario.saveDialog?.folder ?? '/home/ada/Downloads';
      const found = new Set(fake.keys.map((key) => key.id));
      const wanted = [...new Set(input.ids)];
      const rows = wanted.filter((id) => found.has(id)).length;
      const source = { kind: offline() ? ('cache' as const) : ('server' as const), asOf: fake.sync.lastSyncedAt, complete: true };
      return {
        status: 'written',
        format: input.format,
        path: `${folder}/${ORGANIZATION.slug}-api-keys.${input.format}`,
        rows,
        skipped: wanted.length - rows,
        source,
      };
    },
    'export:audit': (input) => {
      if (scenario.saveDialog === 'cancel') return { status: 'cancelled' };
      const folder = scenario.saveDialog?.folder ?? '/home/ada/Downloads';
      const { filter } = invokeContract['export:audit'].input.parse(input);
      let rows = 0;
      let cursor: AuditPage['nextCursor'] = null;
      do {
        const page = listAuditPage(fake.audit, { filter, cursor }, { offline: offline(), now });
        rows += page.events.length;
        cursor = page.nextCursor;
      } while (cursor);
      const source = { kind: offline() ? ('cache' as const) : ('server' as const), asOf: now, complete: !offline() };
      return { status: 'written', format: input.format, path: `${folder}/${ORGANIZATION.slug}-audit-log.${input.format}`, rows, skipped: 0, source };
    },
  };

  function nothingFound(source: IdentifyResult['source']): IdentifyResult {
    return { source, lookup: 'nothing-to-ask', keys: [], rejected: [], rejectedCount: 0, adminTokens: 0 };
  }

  /** The server's check of a create against the key policy (docs/server.md, "Keys that end on time"). */
  function policyRefusalOf(expiresAt: string | null): string | null {
    const policy = fake.policy;
    if (!policy) return null;
    if (policy.maxLifetimeDays !== null) {
      const latest = Date.now() + policy.maxLifetimeDays * DAY;
      if (expiresAt === null || Date.parse(expiresAt) > latest) {
        return `The organization's key policy (maximum lifetime ${policy.maxLifetimeDays} days) requires an expiry date no later than ${new Date(latest).toISOString()}`;
      }
    }
    if (policy.requireExpiry && expiresAt === null) return "The organization's key policy (require an expiry date) requires an expiry date";
    return null;
  }

  function replaceKey(next: KeyRow): KeyRow {
    fake.keys = fake.keys.map((k) => (k.id === next.id ? next : k));
    touchKeys('retirement');
    return next;
  }

  function createKey(input: InvokeInput<'keys:create'>, oldKeyId: string | null) {
    const name = KeyNameSchema.safeParse(input.name);
    if (!name.success) return validation('name', name.error.issues[0]?.message ?? 'Invalid name');
    const policyRefusal = offline() ? null : policyRefusalOf(input.expiresAt ?? null);
    if (policyRefusal) return validation('expiresAt', policyRefusal);
    if (!offline() && fake.policy?.requireAllowedAddresses && !input.allowedAddresses)
      return validation('allowedAddresses', "The organization's key policy (require allowed addresses) requires a list of allowed addresses");
    const id = uuid(nextId++);
    const queued = offline() || scenario.createAnswerLost === true;
    const key = makeKey({
      id,
      name: name.data,
      capabilities: input.capabilities as CapabilitySlug[],
      canImpersonate: input.canImpersonate,
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
      rotatesKeyId: oldKeyId,
      expiresAt: input.expiresAt ?? null,
      allowedAddresses: input.allowedAddresses ?? null,
      pending: queued
        ? {
            outboxId: `outbox-${id}`,
            action: 'create',
            state: 'queued',
            error: null,
            queuedAt: new Date().toISOString(),
            mayBeApplied: scenario.createAnswerLost === true,
          }
        : null,
    });
    fake.keys = [key, ...fake.keys];
    touchKeys('created');
    return { key, secret: `rkr_key_${id.replace(/-/g, '')}TESTSECRETxyz`, queued, clipboardClearSeconds: scenario.clipboardClearSeconds ?? 60 };
  }

  const respond = (channel: InvokeChannel, value: unknown): Result<unknown> => {
    if (value && typeof value === 'object' && 'code' in value && 'message' in value && !('kind' in value))
      return { ok: false, error: AppErrorDtoSchema.parse(value) };
    const checked = invokeContract[channel].output.safeParse(value);
    if (!checked.success) throw new Error(`fake bridge: ${channel} answered outside the IPC contract: ${checked.error.message}`);
    return { ok: true, data: checked.data };
  };

  fake.bridge = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      if (scenario.latencyMs) await new Promise((resolve) => setTimeout(resolve, scenario.latencyMs));
      const parsed = invokeContract[channel].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: 'Some fields are not valid.' } } as never;
      const failure = failures.get(channel);
      if (failure) {
        failures.delete(channel);
        return { ok: false, error: AppErrorDtoSchema.parse(failure) } as never;
      }
      const handler = handlers[channel] as (input: unknown) => unknown;
      return respond(channel, handler(parsed.data)) as never;
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  return fake;
}

/** For the browser build: installs the fake as `window.rakerone` and exposes its controls. */
export function installFakeBridge(target: Window, scenario: FakeScenario): FakeBridge {
  const fake = createFakeBridge(scenario);
  (target as unknown as Record<string, unknown>).rakerone = fake.bridge;
  (target as unknown as Record<string, unknown>).__rakeroneFake = fake;
  return fake;
}
