/** keys:suspend / keys:resume / keys:bulk-suspend as pure changes of the stored state (outbox/changes/suspension.ts). */
import { describe, expect, it } from 'vitest';
import { bulkSuspendChange, resumeChange, suspendChange } from '../../../../../src/main/outbox/changes/suspension.js';
import type { OutboxEntry } from '../../../../../src/main/outbox/schema.js';
import { emptyProfileState, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';

const NOW = '2026-11-29T10:00:00.000Z';
const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';
let n = 0;
const ctx = (inFlight: ReadonlySet<string> = new Set()) => ({ now: NOW, inFlight, entryId: `e${++n}`, idempotencyKey: `idem${n}` });

const key = (id: string, o: Partial<ApiKeyDto> = {}): ApiKeyDto => ({
  id,
  name: id === A ? 'A' : 'B',
  capabilities: [],
  canImpersonate: false,
  hint: 'rkr_key_…ABCD',
  createdAt: NOW,
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
const suspended = (id: string) => key(id, { status: 'suspended', suspension: { at: NOW, by: null, reason: 'x' } });
const state = (keys: ApiKeyDto[], outbox: OutboxEntry[] = []): ProfileState => ({ ...emptyProfileState(), keys, outbox });
const kinds = (s: ProfileState) => s.outbox.map((e) => `${e.kind}:${e.attempts}`);

describe('suspendChange / resumeChange', () => {
  it('refuses, as of now, a key that expired or whose retirement came since the last sync (the server would answer 409)', () => {
    const past = '2026-11-29T09:00:00.000Z';
    expect(() => suspendChange(state([key(A, { expiresAt: past })]), A, 'Leaked?', ctx())).toThrow('This key has expired: it cannot be suspended.');
    expect(() => resumeChange(state([{ ...suspended(A), expiresAt: past }]), A, ctx())).toThrow('This key has expired: it cannot be resumed.');
    expect(() => suspendChange(state([key(A, { scheduledRevocation: { at: past } })]), A, 'Leaked?', ctx())).toThrow(
      'This key is revoked: it cannot be suspended.',
    );
    const { result } = bulkSuspendChange(state([key(A, { expiresAt: past }), key(B)]), [A, B], 'Leaked?', ctx());
    expect(result.notActive.map((k) => k.id)).toEqual([A]);
    expect(result.entry?.keys.map((k) => k.id)).toEqual([B]);
  });

  it('queues a suspend with its reason and its own Idempotency-Key', () => {
    const { next, result } = suspendChange(state([key(A)]), A, 'Leaked?', ctx());
    expect(next.outbox).toEqual([expect.objectContaining({ kind: 'suspend', keyId: A, keyName: 'A', reason: 'Leaked?', attempts: 0 })]);
    expect(result).toEqual({ kind: 'queued', entryId: next.outbox[0]!.id });
    expect((next.outbox[0] as { idempotencyKey: string }).idempotencyKey).not.toBe(next.outbox[0]!.id);
  });

  it('suspend then resume, never sent: they cancel out (nothing is sent, the audit log records nothing that never took effect)', () => {
    const s1 = suspendChange(state([key(A)]), A, 'Leaked?', ctx()).next;
    const { next, result } = resumeChange(s1, A, ctx());
    expect(next.outbox).toEqual([]);
    expect(result).toEqual({ kind: 'none' });
  });

  it('resume then suspend of a suspended key, never sent: they cancel out too', () => {
    const s1 = resumeChange(state([suspended(A)]), A, ctx()).next;
    expect(kinds(s1)).toEqual(['resume:0']);
    const { next, result } = suspendChange(s1, A, 'again', ctx());
    expect(next.outbox).toEqual([]);
    expect(result).toEqual({ kind: 'none' });
  });

  it('a suspend that may have reached the server stays: the resume is queued behind it and both are sent in order', () => {
    const s1 = suspendChange(state([key(A)]), A, 'Leaked?', ctx()).next;
    const sent = { ...s1, outbox: s1.outbox.map((e) => ({ ...e, attempts: 1 })) };
    expect(kinds(resumeChange(sent, A, ctx()).next)).toEqual(['suspend:1', 'resume:0']);
    // On the wire right now: the same.
    expect(kinds(resumeChange(s1, A, ctx(new Set([s1.outbox[0]!.id]))).next)).toEqual(['suspend:0', 'resume:0']);
  });

  it('asking again for what is queued awaits the queued entry (the first reason stands)', () => {
    const { next: s1, result: first } = suspendChange(state([key(A)]), A, 'first', ctx());
    const { next, result } = suspendChange(s1, A, 'second', ctx());
    expect(next).toBe(s1);
    expect(result).toEqual(first);
  });

  it('nothing to do: suspending a suspended key, resuming an active one', () => {
    expect(suspendChange(state([suspended(A)]), A, 'x', ctx())).toEqual({ next: state([suspended(A)]), result: { kind: 'none' } });
    expect(resumeChange(state([key(A)]), A, ctx()).result).toEqual({ kind: 'none' });
  });

  it('a refused suspend is superseded by the next one', () => {
    const failed: OutboxEntry = {
      kind: 'suspend',
      id: 'old',
      idempotencyKey: 'i',
      keyId: A,
      keyName: 'A',
      reason: 'x',
      queuedAt: NOW,
      state: 'failed',
      error: { code: 'CONFLICT', message: 'no' },
      attempts: 1,
    };
    const { next } = suspendChange(state([key(A)], [failed]), A, 'again', ctx());
    expect(next.outbox).toEqual([expect.objectContaining({ kind: 'suspend', reason: 'again', state: 'queued' })]);
  });

  it('refuses an unknown, revoked, expired or being-revoked key', () => {
    expect(() => suspendChange(state([]), A, 'x', ctx())).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => suspendChange(state([key(A, { status: 'revoked', revokedAt: NOW })]), A, 'x', ctx())).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => resumeChange(state([key(A, { status: 'expired', expiresAt: NOW })]), A, ctx())).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const revoking: OutboxEntry = { kind: 'revoke', id: 'r', keyId: A, keyName: 'A', queuedAt: NOW, state: 'queued', error: null, attempts: 0 };
    expect(() => suspendChange(state([key(A)], [revoking]), A, 'x', ctx())).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/being revoked/) }),
    );
  });
});

describe('bulkSuspendChange', () => {
  it('one entry for the keys to send; suspended ones and revoked ones are reported, not sent', () => {
    const { next, result } = bulkSuspendChange(state([key(A), suspended(B)]), [A, B, A], 'Incident', ctx());
    expect(result.alreadySuspended.map((k) => k.id)).toEqual([B]);
    expect(result.entry).toMatchObject({ kind: 'bulk-suspend', reason: 'Incident', keys: [{ id: A, name: 'A' }] });
    expect(next.outbox).toEqual([result.entry]);
    const revoked = bulkSuspendChange(state([key(A, { status: 'revoked', revokedAt: NOW })]), [A], 'x', ctx());
    expect(revoked.result).toMatchObject({ entry: null, notActive: [{ id: A }] });
  });

  it('an unsent resume of a suspended key is cancelled by the bulk (the key stays suspended, nothing sent for it)', () => {
    const s1 = resumeChange(state([suspended(A), key(B)]), A, ctx()).next;
    const { next, result } = bulkSuspendChange(s1, [A, B], 'x', ctx());
    expect(result.alreadySuspended.map((k) => k.id)).toEqual([A]);
    expect(next.outbox).toEqual([expect.objectContaining({ kind: 'bulk-suspend', keys: [expect.objectContaining({ id: B })] })]);
  });
});
