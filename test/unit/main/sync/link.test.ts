import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors.js';
import { silentLogger } from '../../../../src/main/logger.js';
import { createLink } from '../../../../src/main/sync/link.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';

function setup(reachable: { value: boolean }) {
  const clock = createFakeClock();
  let probes = 0;
  const link = createLink({
    clock,
    logger: silentLogger,
    random: () => 0.5,
    probe: async () => {
      probes += 1;
      return reachable.value;
    },
  });
  const seen: string[] = [];
  link.subscribe((status) => seen.push(status));
  return { clock, link, seen, probes: () => probes };
}

const NETWORK = new AppError('NETWORK', 'RakerOne cannot be reached.');

describe('link: the one owner of online / offline / unauthorized', () => {
  it('starts online or offline from a real probe, without telling listeners (the caller announces)', async () => {
    const up = setup({ value: true });
    expect(await up.link.start()).toBe('online');
    const down = setup({ value: false });
    expect(await down.link.start()).toBe('offline');
    expect([...up.seen, ...down.seen]).toEqual([]);
  });

  it('goes offline on a call with no answer, probes with backoff, and comes back on the first answer', async () => {
    const reachable = { value: true };
    const t = setup(reachable);
    await t.link.start();
    reachable.value = false;
    t.link.unreachable(NETWORK);
    t.link.unreachable(NETWORK); // told twice: one change
    expect(t.seen).toEqual(['offline']);
    expect(t.link.error()?.code).toBe('NETWORK');
    await t.clock.advance(10_000);
    const early = t.probes();
    await t.clock.advance(60_000);
    expect(t.probes() - early).toBeLessThan(early * 6);
    reachable.value = true;
    await t.clock.advance(31_000);
    expect(t.link.status()).toBe('online');
    expect(t.seen).toEqual(['offline', 'online']);
    expect(t.clock.pending()).toBe(0);
  });

  it('unauthorized is left only by a new start, never by an answer', async () => {
    const t = setup({ value: true });
    await t.link.start();
    t.link.unauthorized(new AppError('UNAUTHORIZED', 'Sign in again.'));
    t.link.reached();
    t.link.unreachable(NETWORK);
    expect(t.link.status()).toBe('unauthorized');
    expect(await t.link.probeNow()).toBe(false);
    expect(await t.link.start()).toBe('online');
  });

  it('a probe of an earlier session does not change the new one', async () => {
    const reachable = { value: false };
    const t = setup(reachable);
    await t.link.start(); // offline, probing
    t.link.set('unauthorized', new AppError('VALIDATION', 'No admin token is saved for this server.'));
    reachable.value = true;
    await t.clock.advance(120_000);
    expect(t.link.status()).toBe('unauthorized');
  });
});
