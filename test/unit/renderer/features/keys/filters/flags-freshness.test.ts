import { describe, expect, it } from 'vitest';
import { flagsFreshness } from '../../../../../../src/renderer/src/features/keys/table/key-flags';
import { makeKey } from '../../../../../helpers/fake-bridge';

describe('how fresh the flags are', () => {
  it('the oldest usage fetch is the earliest instant, whatever form each time is in', () => {
    // 12:00 at +01:00 (11:00Z) is older than 11:30Z, though it sorts after it as text.
    const keys = [makeKey({ id: 'a', usageFetchedAt: '2026-03-01T11:30:00.000Z' }), makeKey({ id: 'b', usageFetchedAt: '2026-03-01T12:00:00.000+01:00' })];
    expect(flagsFreshness(keys, null, null).oldestUsage).toBe('2026-03-01T12:00:00.000+01:00');
  });
});
