import { describe, expect, it } from 'vitest';
import { ProfileStateSchema } from '../../../../src/main/store/profile-state.js';

/** A queued create as the app stored it before keys could expire: no `body.expiresAt`, no `keyPolicy`. */
const OLD_STATE = {
  keys: [],
  syncedAt: null,
  rotations: {},
  me: null,
  outbox: [
    {
      kind: 'create',
      id: 'entry-1',
      queuedAt: '2026-11-01T10:00:00.000Z',
      state: 'queued',
      error: null,
      attempts: 0,
      idempotencyKey: 'idem-1',
      localKeyId: 'local-1',
      body: { name: 'Old', capabilities: ['data-record:read'], canImpersonate: false, secretHash: 'a'.repeat(64), hint: 'rkr_key_…ABCD' },
      rotatesKeyId: null,
      createdBy: null,
    },
  ],
  unreadable: null,
};

describe('the stored outbox', () => {
  it('reads a create queued before expiry existed as one that does not expire, and no key policy known', () => {
    const state = ProfileStateSchema.parse(OLD_STATE);
    expect(state.outbox[0]).toMatchObject({ kind: 'create', body: { name: 'Old', expiresAt: null } });
    expect(state.keyPolicy).toBeNull();
  });

  it('re-validates the expiry when read: a stored expiresAt that is not an instant makes the file unreadable', () => {
    const corrupt = structuredClone(OLD_STATE) as { outbox: { body: Record<string, unknown> }[] };
    corrupt.outbox[0]!.body.expiresAt = 'next tuesday';
    expect(ProfileStateSchema.safeParse(corrupt).success).toBe(false);
  });

  it('re-validates the cached key policy when read', () => {
    const withPolicy = { ...OLD_STATE, keyPolicy: { policy: { maxLifetimeDays: 0, requireExpiry: true }, fetchedAt: '2026-11-01T10:00:00.000Z' } };
    expect(ProfileStateSchema.safeParse(withPolicy).success).toBe(false);
  });

  it('reads a file from before usage as no usage fetched yet, and re-validates cached usage when read', () => {
    expect(ProfileStateSchema.parse(OLD_STATE).usage).toEqual({});
    const usage = {
      k1: {
        usage: { capabilities: [{ capability: 'data-record:read', lastUsedAt: null }], impersonation: { lastUsedAt: null } },
        keyLastUsedAt: null,
        fetchedAt: '2026-11-01T10:00:00.000Z',
      },
    };
    expect(ProfileStateSchema.parse({ ...OLD_STATE, usage }).usage).toEqual(usage);
    const unknownCapability = structuredClone(usage);
    unknownCapability.k1.usage.capabilities[0]!.capability = 'records:everything';
    expect(ProfileStateSchema.safeParse({ ...OLD_STATE, usage: unknownCapability }).success).toBe(false);
  });
});
