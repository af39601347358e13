import { describe, expect, it } from 'vitest';
import { emptyProfileState, ProfileStateSchema, type ProfileState } from '../../../../../src/main/store/profile-state.js';
import { withCachedActivity, withoutCachedActivity, type CachedActivity } from '../../../../../src/main/store/slices/activity.js';
import type { ApiKeyDto } from '../../../../../src/shared/http/index.js';
import { activityDays, activitySource } from '../../../../helpers/fake-activity.js';

const TODAY = new Date('2026-12-07T10:00:00.000Z');

function entry(minutesAgo: number): CachedActivity {
  return {
    activity: { days: activityDays(TODAY, { 0: { requests: 3 } }), sources: [activitySource({ address: '203.0.113.7' })] },
    fetchedAt: new Date(TODAY.getTime() - minutesAgo * 60_000).toISOString(),
  };
}

function listed(...ids: string[]): ProfileState {
  return { ...emptyProfileState(), keys: ids.map((id) => ({ id }) as ApiKeyDto) };
}

describe('the activity slice', () => {
  it('keeps the most recently fetched keys up to its limit', () => {
    let state = listed('a', 'b', 'c');
    state = withCachedActivity(state, 'a', entry(30), 2);
    state = withCachedActivity(state, 'b', entry(20), 2);
    state = withCachedActivity(state, 'c', entry(10), 2);
    expect(Object.keys(state.activity).sort()).toEqual(['b', 'c']);
  });

  it('forgets keys the list no longer has when it writes', () => {
    let state = withCachedActivity(listed('a', 'b'), 'a', entry(10));
    state = { ...state, keys: state.keys.filter((k) => k.id === 'b') };
    state = withCachedActivity(state, 'b', entry(5));
    expect(Object.keys(state.activity)).toEqual(['b']);
  });

  it('drops one key’s entry when the server says the key is gone', () => {
    const state = withCachedActivity(withCachedActivity(listed('a', 'b'), 'a', entry(10)), 'b', entry(5));
    expect(Object.keys(withoutCachedActivity(state, 'a').activity)).toEqual(['b']);
  });

  it('is re-validated when read: a damaged entry is dropped alone, the queue and the other entries stay', () => {
    const stored = JSON.parse(JSON.stringify({ ...emptyProfileState(), syncedAt: TODAY.toISOString(), activity: { a: entry(10), b: entry(5) } }));
    stored.activity.a.activity.days[0].requests = -1;
    stored.activity.b.fetchedAt = 'yesterday-ish';
    stored.activity.c = entry(1);
    const state = ProfileStateSchema.parse(stored);
    expect(Object.keys(state.activity)).toEqual(['c']);
    expect(state.syncedAt).toBe(TODAY.toISOString());
  });

  it('reads a file from before activity as nothing fetched', () => {
    const { activity: _none, ...older } = emptyProfileState();
    expect(ProfileStateSchema.parse(older).activity).toEqual({});
  });
});
