import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors.js';
import { createEntryWaiters } from '../../../../src/main/sync/entry-waiters.js';

describe('entry waiters', () => {
  it('each waiter hears the outcome of its own entry, once', async () => {
    const waiters = createEntryWaiters();
    const a = waiters.wait('a');
    const b = waiters.wait('b');
    expect(waiters.has('a')).toBe(true);
    const refused = new AppError('CONFLICT', 'A key with this name exists');
    waiters.settle('b', { kind: 'refused', error: refused });
    waiters.settle('b', { kind: 'queued' });
    waiters.settleAllQueued();
    expect(await a).toEqual({ kind: 'queued' });
    expect(await b).toEqual({ kind: 'refused', error: refused });
    expect(waiters.has('a')).toBe(false);
  });
});
