/**
 * The suspend, resume and bulk-suspend kinds (outbox/kinds/*.ts): what each sends, how its answer is
 * recorded, how it follows a queued create (re-pointed, dropped, kept as failed) and what its row says.
 */
import { describe, expect, it, vi } from 'vitest';
import { keyMayNotExist, keyNeverExists } from '../../../../../src/main/outbox/fate.js';
import { applyBulkSuspended, type BulkSuspendEntry } from '../../../../../src/main/outbox/kinds/bulk-suspend.js';
import { kindOf } from '../../../../../src/main/outbox/registry.js';
import type { CreateEntry, OutboxEntry, ResumeEntry, SuspendEntry } from '../../../../../src/main/outbox/schema.js';
import { pendingOf } from '../../../../../src/main/outbox/status.js';
import { keysViewOf } from '../../../../../src/main/keys/key-view.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import type { ApiClient } from '../../../../../src/main/http/api-client.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';
import { rowStatus } from '../../../../../src/shared/key-row-status.js';
import { applyCreated } from '../../../../helpers/outbox-landing.js';

const AT = '2026-11-29T10:00:00.000Z';
const LOCAL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const SERVER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const OTHER = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const create: CreateEntry = {
  kind: 'create',
  id: 'create-1',
  idempotencyKey: 'idem-create',
  localKeyId: LOCAL,
  queuedAt: AT,
  state: 'queued',
  error: null,
  attempts: 1,
  body: { name: 'New', capabilities: [], canImpersonate: false, secretHash: 'a'.repeat(64), hint: 'rkr_key_…ABCD', expiresAt: null, allowedAddresses: null },
  rotatesKeyId: null,
  createdBy: null,
};
const base = { queuedAt: AT, state: 'queued' as const, error: null, attempts: 0 };
const suspend = (o: Partial<SuspendEntry> = {}): SuspendEntry => ({
  kind: 'suspend',
  id: 's1',
  idempotencyKey: 'idem-s1',
  keyId: LOCAL,
  keyName: 'New',
  reason: 'Leaked?',
  ...base,
  ...o,
});
const resume = (o: Partial<ResumeEntry> = {}): ResumeEntry => ({
  kind: 'resume',
  id: 'r1',
  idempotencyKey: 'idem-r1',
  keyId: LOCAL,
  keyName: 'New',
  ...base,
  ...o,
});
const bulk = (o: Partial<BulkSuspendEntry> = {}): BulkSuspendEntry => ({
  kind: 'bulk-suspend',
  id: 'b1',
  idempotencyKey: 'idem-b1',
  reason: 'Incident 42',
  keys: [
    { id: LOCAL, name: 'New', hint: 'rkr_key_…ABCD' },
    { id: OTHER, name: 'Other', hint: 'rkr_key_…CCCC' },
  ],
  ...base,
  ...o,
});
const key = (id: string, o: Partial<ApiKeyDto> = {}): ApiKeyDto => ({
  id,
  name: id === OTHER ? 'Other' : 'New',
  capabilities: [],
  canImpersonate: false,
  hint: 'rkr_key_…ABCD',
  createdAt: AT,
  createdBy: null,
  lastUsedAt: null,
  status: 'active',
  revokedAt: null,
  expiresAt: null,
  scheduledRevocation: null,
  suspension: null,
  allowedAddresses: null,
  ...o,
});
const state = (outbox: OutboxEntry[], keys: ApiKeyDto[] = []): ProfileState => ({ ...emptyProfileState(), keys, outbox });
const suspendedKey = (id: string) => key(id, { status: 'suspended', suspension: { at: AT, by: { id: 'p', name: 'Ada Admin' }, reason: 'Leaked?' } });

describe('send and record', () => {
  it('a suspend sends its reason and its own Idempotency-Key; the entry leaves the queue in the write that caches the key', async () => {
    const api = { suspendKey: vi.fn(async () => suspendedKey(SERVER)) } as unknown as ApiClient;
    const entry = suspend({ keyId: SERVER });
    const delivered = await kindOf(entry).send(entry, { api, awaited: () => true });
    expect(api.suspendKey).toHaveBeenCalledWith(SERVER, 'Leaked?', 'idem-s1');
    const next = delivered.record(state([entry], [key(SERVER)]), entry);
    expect(next.outbox).toEqual([]);
    expect(next.keys[0]!.status).toBe('suspended');
  });

  it('a resume sends its own Idempotency-Key', async () => {
    const api = { resumeKey: vi.fn(async () => key(SERVER)) } as unknown as ApiClient;
    const entry = resume({ keyId: SERVER });
    const delivered = await kindOf(entry).send(entry, { api, awaited: () => false });
    expect(api.resumeKey).toHaveBeenCalledWith(SERVER, 'idem-r1');
    expect(delivered.record(state([entry], [suspendedKey(SERVER)]), entry).keys[0]!.status).toBe('active');
  });

  it('a bulk suspend sends every id, the reason and its Idempotency-Key; unknown ids stay as a failed entry unless someone awaits it', async () => {
    const api = { bulkSuspendKeys: vi.fn(async () => ({ suspended: [suspendedKey(SERVER)], alreadySuspended: [], notActive: [], notFound: [OTHER] })) };
    const entry = bulk({ keys: [{ id: SERVER, name: 'New', hint: null }, bulk().keys[1]!] });
    const delivered = await kindOf(entry).send(entry, { api: api as unknown as ApiClient, awaited: () => false });
    expect(api.bulkSuspendKeys).toHaveBeenCalledWith([SERVER, OTHER], 'Incident 42', 'idem-b1');
    expect(delivered.outcome.kind).toBe('bulk-suspended');
    const next = delivered.record(state([entry], [key(SERVER)]), entry);
    expect(next.keys[0]!.status).toBe('suspended');
    expect(next.outbox).toEqual([
      expect.objectContaining({ id: 'b1', state: 'failed', keys: [bulk().keys[1]], error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
    const response = { suspended: [], alreadySuspended: [], notActive: [], notFound: [OTHER] };
    expect(applyBulkSuspended(state([entry]), entry, response, { awaited: true }).outbox).toEqual([]);
  });
});

describe('following a queued create', () => {
  it('the create lands: suspends and resumes naming its local id name the server id; a bulk only while never sent', () => {
    const landed = applyCreated(state([create, suspend(), resume(), bulk()]), create, key(SERVER));
    expect(landed.outbox.map((e) => ('keyId' in e ? e.keyId : e.kind === 'bulk-suspend' ? e.keys[0]!.id : null))).toEqual([SERVER, SERVER, SERVER]);
    const sent = bulk({ attempts: 1 });
    expect(applyCreated(state([create, sent]), create, key(SERVER)).outbox).toEqual([sent]);
  });

  it('the create is refused for good: suspends and resumes of that key go; the bulk loses the id, and leaves once empty', () => {
    expect(keyNeverExists(state([create, suspend(), resume(), bulk()]), LOCAL).outbox).toEqual([create, bulk({ keys: [bulk().keys[1]!] })]);
    expect(keyNeverExists(state([bulk({ keys: [bulk().keys[0]!] })]), LOCAL).outbox).toEqual([]);
  });

  it('the create kept failing: they are kept as failed saying why; the bulk splits the key out as a failed single suspend', () => {
    const next = keyMayNotExist(state([suspend(), resume(), bulk()]), LOCAL);
    expect(next.outbox).toEqual([
      expect.objectContaining({
        kind: 'suspend',
        state: 'failed',
        error: expect.objectContaining({ message: expect.stringMatching(/^Not suspended: RakerOne kept failing/) }),
      }),
      expect.objectContaining({ kind: 'resume', state: 'failed', error: expect.objectContaining({ message: expect.stringMatching(/^Not resumed/) }) }),
      bulk({ keys: [bulk().keys[1]!] }),
      expect.objectContaining({ kind: 'suspend', id: 'b1:' + LOCAL, keyId: LOCAL, reason: 'Incident 42', state: 'failed' }),
    ]);
  });
});

describe('the rows', () => {
  const now = Date.parse(AT);
  const rowOf = (s: ProfileState, id: string) => keysViewOf(s, 'cache', new Set(), now).keys.find((r) => r.id === id)!;

  it('a queued suspend: "Suspension pending" on a working key; a queued resume: "Resume pending" on a suspended one', () => {
    expect(rowStatus(rowOf(state([suspend({ keyId: SERVER })], [key(SERVER)]), SERVER), now)).toBe('suspension-pending');
    expect(rowStatus(rowOf(state([resume({ keyId: SERVER })], [suspendedKey(SERVER)]), SERVER), now)).toBe('resume-pending');
    expect(rowStatus(rowOf(state([bulk({ keys: [{ id: SERVER, name: 'New', hint: null }] })], [key(SERVER)]), SERVER), now)).toBe('suspension-pending');
    expect(rowStatus(rowOf(state([], [suspendedKey(SERVER)]), SERVER), now)).toBe('suspended');
  });

  it('refused: "Couldn\'t suspend" (it still works) / "Couldn\'t resume" (still suspended), until dismissed', () => {
    const error = { code: 'CONFLICT' as const, message: 'no' };
    expect(rowStatus(rowOf(state([suspend({ keyId: SERVER, state: 'failed', error })], [key(SERVER)]), SERVER), now)).toBe('suspend-failed');
    expect(rowStatus(rowOf(state([resume({ keyId: SERVER, state: 'failed', error })], [suspendedKey(SERVER)]), SERVER), now)).toBe('resume-failed');
  });

  it('a queued revoke wins the row, also on a suspended key', () => {
    const revoke: OutboxEntry = { kind: 'revoke', id: 'x', keyId: SERVER, keyName: 'New', ...base };
    expect(rowStatus(rowOf(state([suspend({ keyId: SERVER }), revoke], [key(SERVER)]), SERVER), now)).toBe('revocation-pending');
    expect(rowStatus(rowOf(state([revoke], [suspendedKey(SERVER)]), SERVER), now)).toBe('revocation-pending');
  });

  it('a sent suspend with no answer says it may be applied', () => {
    expect(pendingOf(suspend({ attempts: 1 }), new Set())).toMatchObject({ action: 'suspend', mayBeApplied: true });
    expect(pendingOf(resume(), new Set(['r1']))).toMatchObject({ action: 'resume', state: 'syncing' });
  });
});
