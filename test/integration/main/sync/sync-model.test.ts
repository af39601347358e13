/**
 * The model-based test of the sync (test/helpers/sync-model): 300 random histories of create, revoke,
 * rotate-and-revoke, server down / up / flapping, restarts and crashes at a random await, each against
 * the real core and a real server, each checked against the model once the queue has drained.
 * `npm run test:model -- --runs N` runs more of them.
 */
import { describe, expect, it } from 'vitest';
import { runModel } from '../../../helpers/sync-model/run-model.js';

describe('sync model (real core, real server)', () => {
  it('300 random offline histories: every acknowledged action applied exactly once, nothing lost, no secret on disk', async () => {
    const report = await runModel({ runs: 300 });
    if (report.failure) console.error(report.failure);
    expect(report).toEqual({ sequences: 300, violations: 0, failure: null });
  }, 240_000);
});
