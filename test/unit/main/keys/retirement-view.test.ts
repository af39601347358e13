/** How a queued retirement shows on a row that another queued action owns (keys/retirement-view.ts via key-view.ts). */
import { describe, expect, it } from 'vitest';
import { findRow } from '../../../../src/main/keys/key-view.js';
import { scheduleRetirementChange } from '../../../../src/main/outbox/changes/retirement.js';
import { resumeChange, suspendChange } from '../../../../src/main/outbox/changes/suspension.js';
import { emptyProfileState, type ProfileState } from '../../../../src/main/store/profile-state.js';
import { rowStatus } from '../../../../src/shared/key-row-status.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

const NOW = '2026-11-29T10:00:00.000Z';
const PLAN_AT = '2026-11-29T12:00:00.000Z';
const LATER = Date.parse('2026-11-29T13:00:00.000Z');
const inFlight = new Set<string>();
const ids = () => ({ now: NOW, inFlight, entryId: crypto.randomUUID(), idempotencyKey: crypto.randomUUID() });

describe('a queued retirement beside a queued suspend or resume, offline past the plan', () => {
  it('a queued suspend: the key, which still works, never reads Revoked (the server has no plan yet)', () => {
    const key = apiKeyDto();
    let s: ProfileState = { ...emptyProfileState(), keys: [key] };
    s = scheduleRetirementChange(s, key.id, { at: PLAN_AT }, { now: NOW, inFlight }).next;
    s = suspendChange(s, key.id, 'Leaked?', ids()).next;
    const row = findRow(s, key.id, inFlight, LATER)!;
    expect(rowStatus(row, LATER)).toBe('suspension-pending');
  });

  it('a queued resume of a suspended key: it reads Resume pending, not Revoked', () => {
    const key = apiKeyDto({ status: 'suspended', suspension: { at: NOW, by: null, reason: 'x' } });
    let s: ProfileState = { ...emptyProfileState(), keys: [key] };
    s = scheduleRetirementChange(s, key.id, { at: PLAN_AT }, { now: NOW, inFlight }).next;
    s = resumeChange(s, key.id, ids()).next;
    const row = findRow(s, key.id, inFlight, LATER)!;
    expect(rowStatus(row, LATER)).toBe('resume-pending');
  });
});
