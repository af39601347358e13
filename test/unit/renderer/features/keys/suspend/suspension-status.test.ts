/** Which rows offer Suspend and Resume (features/keys/suspend/suspension-status.ts), by the row's status. */
import { describe, expect, it } from 'vitest';
import { revokedMessage } from '../../../../../../src/renderer/src/features/keys/hooks';
import { canResume, canSuspend } from '../../../../../../src/renderer/src/features/keys/suspend/suspension-status';
import type { PendingAction } from '../../../../../../src/shared/ipc/keys';
import { rowStatus } from '../../../../../../src/shared/key-row-status';
import { ROW_STATUS_EXPLANATION } from '../../../../../../src/shared/wording/key-status';
import { keyRow } from '../../../../../helpers/api-key-dto';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const pending = (action: PendingAction['action'], state: 'queued' | 'failed', mayBeApplied = false): PendingAction => ({
  action,
  outboxId: 'o-1',
  state,
  error: state === 'failed' ? { code: 'CONFLICT', message: 'Refused.' } : null,
  queuedAt: new Date(NOW).toISOString(),
  mayBeApplied,
});
const suspension = { at: new Date(NOW).toISOString(), by: null, reason: 'Seen in a public gist' };

describe('Suspend is offered', () => {
  it('for a key whose change of allowed addresses is queued or was refused: it still works', () => {
    expect(canSuspend(keyRow({ pending: pending('set-allowed-addresses', 'queued') }), NOW)).toBe(true);
    expect(canSuspend(keyRow({ pending: pending('set-allowed-addresses', 'failed') }), NOW)).toBe(true);
  });

  it('not for a key whose create is still queued (sent or not): a suspend behind it would not show on its row', () => {
    expect(canSuspend(keyRow({ pending: pending('create', 'queued') }), NOW)).toBe(false);
    expect(canSuspend(keyRow({ pending: pending('create', 'queued', true) }), NOW)).toBe(false);
  });
});

describe('a suspended key being revoked', () => {
  it('whose revoke was refused is still Suspended, and can be resumed', () => {
    const key = keyRow({ status: 'suspended', suspension, pending: pending('revoke', 'failed') });
    expect(rowStatus(key, NOW)).toBe('suspended');
    expect(canResume(key, NOW)).toBe(true);
    // A working key whose revoke was refused still reads "Couldn't revoke".
    expect(rowStatus(keyRow({ pending: pending('revoke', 'failed') }), NOW)).toBe('revoke-failed');
  });

  it('whose revoke is queued reads Revocation pending, in words true of a suspended key too', () => {
    const key = keyRow({ status: 'suspended', suspension, pending: pending('revoke', 'queued') });
    expect(rowStatus(key, NOW)).toBe('revocation-pending');
    expect(ROW_STATUS_EXPLANATION['revocation-pending']).not.toMatch(/still works/);
  });
});

describe('the notice after revoking', () => {
  it('a queued revoke of a suspended key says it stays suspended, not that it still works', () => {
    const revoke = pending('revoke', 'queued');
    expect(revokedMessage(keyRow({ name: 'Billing', status: 'suspended', suspension, pending: revoke }))).toBe(
      'Revocation pending: “Billing” stays suspended until RakerOne Admin reconnects.',
    );
    expect(revokedMessage(keyRow({ name: 'Billing', pending: revoke }))).toBe('Revocation pending: “Billing” still works until RakerOne Admin reconnects.');
    expect(revokedMessage(keyRow({ name: 'Billing', status: 'revoked' }))).toBe('“Billing” is revoked.');
  });
});
