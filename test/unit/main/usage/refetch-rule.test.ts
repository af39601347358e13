import { describe, expect, it } from 'vitest';
import type { CachedUsage } from '../../../../src/main/store/profile-state.js';
import { keysNeedingUsage, pruneUsage } from '../../../../src/main/usage/refetch-rule.js';
import type { ApiKeyDto } from '../../../../src/shared/http/index.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

function key(id: string, lastUsedAt: string | null, status: ApiKeyDto['status'] = 'active'): ApiKeyDto {
  return apiKeyDto({
    id,
    name: id,
    capabilities: ['data-record:read'],
    createdAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt,
    status,
    revokedAt: status === 'revoked' ? '2026-02-01T00:00:00.000Z' : null,
  });
}

const cached = (keyLastUsedAt: string | null): CachedUsage => ({
  usage: { capabilities: [{ capability: 'data-record:read', lastUsedAt: keyLastUsedAt }], impersonation: { lastUsedAt: null } },
  keyLastUsedAt,
  fetchedAt: '2026-03-01T00:00:00.000Z',
});

describe('the usage refetch rule', () => {
  it('fetches keys never fetched, and keys whose lastUsedAt moved since their usage was fetched; nothing else', () => {
    const keys = [
      key('never-fetched', null),
      key('unchanged', '2026-02-01T00:00:00.000Z'),
      key('used-since', '2026-02-05T00:00:00.000Z'),
      key('unused-fetched', null),
    ];
    const cache = { unchanged: cached('2026-02-01T00:00:00.000Z'), 'used-since': cached('2026-02-01T00:00:00.000Z'), 'unused-fetched': cached(null) };
    expect(keysNeedingUsage(keys, cache).map((k) => k.id)).toEqual(['never-fetched', 'used-since']);
  });

  it('leaves revoked and expired keys alone', () => {
    expect(keysNeedingUsage([key('r', '2026-02-01T00:00:00.000Z', 'revoked'), key('e', null, 'expired')], {})).toEqual([]);
  });

  it('forgets the usage of keys the list no longer has', () => {
    expect(Object.keys(pruneUsage({ a: cached(null), gone: cached(null) }, [key('a', null)]))).toEqual(['a']);
  });
});
