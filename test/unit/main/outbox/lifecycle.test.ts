/** When the server may already have applied a queued action: the rule behind "Not confirmed yet" and cancelling. */
import { describe, expect, it } from 'vitest';
import { MAX_SERVER_ERRORS } from '../../../../src/main/outbox/entry-base.js';
import { canCancelCreate, mayBeApplied, requeued } from '../../../../src/main/outbox/lifecycle.js';
import type { RevokeEntry } from '../../../../src/main/outbox/schema.js';

const revoke = (overrides: Partial<RevokeEntry>): RevokeEntry => ({
  kind: 'revoke',
  id: 'e1',
  keyId: 'k1',
  keyName: 'Key',
  queuedAt: '2026-11-29T10:00:00.000Z',
  state: 'queued',
  error: null,
  attempts: 0,
  ...overrides,
});
const none = new Set<string>();

describe('mayBeApplied', () => {
  it('never sent: no; on the wire: yes; sent without a definitive answer: yes', () => {
    expect(mayBeApplied(revoke({}), none)).toBe(false);
    expect(mayBeApplied(revoke({}), new Set(['e1']))).toBe(true);
    expect(mayBeApplied(revoke({ attempts: 1 }), none)).toBe(true);
  });

  it('failed: a definitive refusal is not applied, even after earlier server errors; failed after the cap may be', () => {
    const conflict = { code: 'CONFLICT' as const, message: 'No' };
    expect(mayBeApplied(revoke({ attempts: 3, state: 'failed', error: conflict, serverErrors: 2 }), none)).toBe(false);
    // Kept as failed after MAX_SERVER_ERRORS 5xx: whatever code the 5xx body carried, the outcome is unknown.
    expect(mayBeApplied(revoke({ attempts: 5, state: 'failed', error: conflict, serverErrors: MAX_SERVER_ERRORS }), none)).toBe(true);
  });

  it('requeued by the admin: counts server errors from zero again, and still may be applied', () => {
    const capped = revoke({ attempts: 5, state: 'failed', error: { code: 'INTERNAL', message: 'Boom' }, serverErrors: MAX_SERVER_ERRORS });
    const again = requeued(capped);
    expect(again).toMatchObject({ state: 'queued', error: null, serverErrors: 0, attempts: 5 });
    expect(mayBeApplied(again, none)).toBe(true);
  });

  it('canCancelCreate is its inverse for creates', () => {
    const create = { ...revoke({ attempts: 1 }), kind: 'create' as const } as unknown as Parameters<typeof canCancelCreate>[0];
    expect(canCancelCreate(create, none)).toBe(false);
    expect(canCancelCreate({ ...create, attempts: 0 }, none)).toBe(true);
  });
});
