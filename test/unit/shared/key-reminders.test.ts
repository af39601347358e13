/** Which keys end soon (shared/key-reminders.ts): a suspended key, or one with a suspend queued, is not reminded about. */
import { describe, expect, it } from 'vitest';
import { endingOf, type ReminderKey } from '../../../src/shared/key-reminders.js';

const NOW = Date.parse('2026-11-29T10:00:00.000Z');
const key = (o: Partial<ReminderKey> = {}): ReminderKey => ({
  id: 'k',
  name: 'Billing',
  status: 'active',
  expiresAt: '2026-12-01T10:00:00.000Z',
  scheduledRevocation: null,
  ...o,
});

describe('endingOf and containment', () => {
  it('an active key that expires in two days is reminded about', () => {
    expect(endingOf(key(), NOW)).toMatchObject({ ends: 'expires' });
  });

  it('a suspended key is not, nor one whose suspension is queued (a refused suspend is)', () => {
    expect(endingOf(key({ status: 'suspended' }), NOW)).toBeNull();
    expect(endingOf(key({ pending: { action: 'suspend', state: 'queued' } }), NOW)).toBeNull();
    expect(endingOf(key({ pending: { action: 'suspend', state: 'failed' } }), NOW)).not.toBeNull();
  });
});
