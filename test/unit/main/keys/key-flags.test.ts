import { describe, expect, it } from 'vitest';
import { flagsOf } from '../../../../src/main/keys/key-flags.js';
import type { CachedUsage } from '../../../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../../../src/shared/http/index.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

const DAY = 24 * 60 * 60 * 1000;
const clock = createFakeClock();
const ago = (days: number) => new Date(clock.now() - days * DAY).toISOString();
const ahead = (ms: number) => new Date(clock.now() + ms).toISOString();

function key(overrides: Partial<ApiKeyDto> = {}): ApiKeyDto {
  return apiKeyDto({
    id: 'k1',
    name: 'Importer',
    capabilities: ['data-record:read', 'data-record:write'],
    createdAt: ago(40),
    lastUsedAt: ago(1),
    ...overrides,
  });
}

function usage(k: ApiKeyDto, used: Partial<Record<string, string>>, impersonation: string | null = null, keyLastUsedAt = k.lastUsedAt): CachedUsage {
  return {
    usage: {
      capabilities: k.capabilities.map((capability) => ({ capability, lastUsedAt: used[capability] ?? null })),
      impersonation: { lastUsedAt: impersonation },
    },
    keyLastUsedAt,
    fetchedAt: ago(0),
  };
}

const kinds = (k: ApiKeyDto, u?: CachedUsage) => flagsOf(k, u, clock.now(), undefined).map((flag) => flag.kind);

describe('flagsOf', () => {
  it('a key in use with every permission exercised needs no attention', () => {
    const k = key();
    expect(flagsOf(k, usage(k, { 'data-record:read': ago(1), 'data-record:write': ago(2) }), clock.now(), undefined)).toEqual([]);
  });

  it('revoked keys carry no flags, also when their scheduled retirement came', () => {
    expect(kinds(key({ status: 'revoked', revokedAt: ago(1), lastUsedAt: null }))).toEqual([]);
    expect(kinds(key({ scheduledRevocation: { at: ago(0.5) }, lastUsedAt: null }))).toEqual([]);
  });

  it('Expired: past its expiry (even if the list still says active), and nothing else', () => {
    expect(kinds(key({ status: 'expired', expiresAt: ago(2), lastUsedAt: null }))).toEqual(['expired']);
    expect(kinds(key({ expiresAt: ago(0.001), lastUsedAt: ago(100) }))).toEqual(['expired']);
  });

  it('Expires in N days: within 14 days, rounded up; not beyond; not without an expiry', () => {
    expect(flagsOf(key({ expiresAt: ahead(3 * 60 * 60 * 1000) }), undefined, clock.now(), undefined)).toEqual([{ kind: 'expires-soon', days: 1 }]);
    expect(flagsOf(key({ expiresAt: ahead(14 * DAY) }), undefined, clock.now(), undefined)).toEqual([{ kind: 'expires-soon', days: 14 }]);
    expect(kinds(key({ expiresAt: ahead(14 * DAY + 60_000) }))).toEqual([]);
    expect(kinds(key({ expiresAt: null }))).toEqual([]);
  });

  it('Never used: only once created more than 7 days ago', () => {
    expect(kinds(key({ lastUsedAt: null, createdAt: ago(8) }))).toEqual(['never-used']);
    expect(kinds(key({ lastUsedAt: null, createdAt: ago(6) }))).toEqual([]);
    // A never-used key is not also "unused for 90 days" nor "unused permissions".
    const old = key({ lastUsedAt: null, createdAt: ago(400) });
    expect(kinds(old, usage(old, {}))).toEqual(['never-used']);
  });

  it('Unused for 90 days: used once, not in the last 90 days', () => {
    expect(kinds(key({ lastUsedAt: ago(91), createdAt: ago(200) }))).toEqual(['unused-90-days']);
    expect(kinds(key({ lastUsedAt: ago(89), createdAt: ago(200) }))).toEqual([]);
  });

  it('Unused permissions: older than 30 days, current usage, the capabilities and impersonation never exercised', () => {
    const k = key({ canImpersonate: true });
    expect(flagsOf(k, usage(k, { 'data-record:read': ago(1) }), clock.now(), undefined)).toEqual([
      { kind: 'unused-permissions', capabilities: ['data-record:write'], impersonation: true },
    ]);
    expect(flagsOf(k, usage(k, { 'data-record:read': ago(1), 'data-record:write': ago(3) }), clock.now(), undefined)).toEqual([
      { kind: 'unused-permissions', capabilities: [], impersonation: true },
    ]);
  });

  it('Unused permissions needs the key older than 30 days', () => {
    const young = key({ createdAt: ago(29) });
    expect(kinds(young, usage(young, {}))).toEqual([]);
  });

  it('unknown usage is no flag: never fetched, fetched before a later use, or a capability the usage does not mention', () => {
    const k = key();
    expect(kinds(k)).toEqual([]);
    expect(kinds(k, usage(k, {}, null, ago(5)))).toEqual([]);
    const partial: CachedUsage = {
      ...usage(k, {}),
      usage: { capabilities: [{ capability: 'data-record:read', lastUsedAt: ago(1) }], impersonation: { lastUsedAt: null } },
    };
    expect(kinds(k, partial)).toEqual([]);
  });

  it('flags add up: expiring soon, unused for 90 days and unused permissions at once', () => {
    const k = key({ createdAt: ago(300), lastUsedAt: ago(120), expiresAt: ahead(5 * DAY) });
    expect(kinds(k, usage(k, { 'data-record:read': ago(120) }))).toEqual(['expires-soon', 'unused-90-days', 'unused-permissions']);
  });

  it('the same key turns from fine to flagged as the clock moves on', async () => {
    const k = key({ createdAt: ago(0), lastUsedAt: null });
    expect(kinds(k)).toEqual([]);
    await clock.advance(8 * DAY);
    expect(kinds(k)).toEqual(['never-used']);
  });

  describe('activity flags (from the cached 7-day summary)', () => {
    const counts = (refused: number, newAddresses: number) => ({ requests: 5, refused, newAddresses });
    const activityKinds = (k: ApiKeyDto, refused: number, newAddresses: number) => flagsOf(k, undefined, clock.now(), counts(refused, newAddresses));

    it('Refused requests: any refusal in the window, with its count, whatever the key’s age or use', () => {
      expect(activityKinds(key(), 3, 0)).toEqual([{ kind: 'refused-requests', count: 3 }]);
      expect(activityKinds(key({ createdAt: ago(1) }), 1, 0)).toEqual([{ kind: 'refused-requests', count: 1 }]);
      // Refusals do not move lastUsedAt: a key never admitted still shows them (beside Never used).
      expect(activityKinds(key({ createdAt: ago(8), lastUsedAt: null }), 2, 0).map((f) => f.kind)).toEqual(['refused-requests', 'never-used']);
      expect(activityKinds(key(), 0, 0)).toEqual([]);
    });

    it('New address: only on a key older than 14 days (at 14 days exactly, none)', () => {
      expect(activityKinds(key({ createdAt: ago(14) }), 0, 2)).toEqual([]);
      expect(flagsOf(key({ createdAt: new Date(clock.now() - 14 * DAY - 1).toISOString() }), undefined, clock.now(), counts(0, 2))).toEqual([
        { kind: 'new-address', count: 2 },
      ]);
      expect(activityKinds(key({ createdAt: ago(3) }), 0, 1)).toEqual([]);
    });

    it('a young key turns New address once it is 14 days old, with the same cached summary', async () => {
      const k = key({ createdAt: ago(13) });
      expect(activityKinds(k, 0, 1)).toEqual([]);
      await clock.advance(DAY + 1);
      expect(activityKinds(k, 0, 1)).toEqual([{ kind: 'new-address', count: 1 }]);
    });

    it('no summary, revoked and expired keys: no activity flag', () => {
      expect(kinds(key())).toEqual([]);
      expect(activityKinds(key({ status: 'revoked', revokedAt: ago(1) }), 4, 4)).toEqual([]);
      expect(activityKinds(key({ expiresAt: ago(1) }), 4, 4)).toEqual([{ kind: 'expired' }]);
    });
  });
});

describe('a suspended key', () => {
  const suspension = { at: ago(1), by: null, reason: 'Leaked?' };
  it('is neither "never used" nor "unused": it is refused on purpose', () => {
    expect(flagsOf(key({ status: 'suspended', suspension, lastUsedAt: null, createdAt: ago(30) }), undefined, clock.now(), undefined)).toEqual([]);
    expect(flagsOf(key({ status: 'suspended', suspension, lastUsedAt: ago(120) }), undefined, clock.now(), undefined)).toEqual([]);
  });

  it('still says when someone keeps trying it: refused requests while it is off', () => {
    const refused = { requests: 0, refused: 5, newAddresses: 1 };
    expect(flagsOf(key({ status: 'suspended', suspension, createdAt: ago(30) }), undefined, clock.now(), refused).map((f) => f.kind)).toEqual([
      'refused-requests',
      'new-address',
    ]);
  });

  it('still says when it expires', () => {
    expect(flagsOf(key({ status: 'suspended', suspension, expiresAt: ahead(2 * DAY) }), undefined, clock.now(), undefined)).toEqual([
      { kind: 'expires-soon', days: 2 },
    ]);
  });
});
