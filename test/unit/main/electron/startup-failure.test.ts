import { describe, expect, it, vi } from 'vitest';
import { STARTUP_FAILURE_EXIT_CODE, reportStartupFailure } from '../../../../src/main/electron/startup-failure.js';

function deps(dispose: () => Promise<void>) {
  const order: string[] = [];
  return {
    order,
    deps: {
      showErrorBox: vi.fn(() => void order.push('error box')),
      dispose: vi.fn(async () => {
        order.push('dispose');
        await dispose();
      }),
      exit: vi.fn((code: number) => void order.push(`exit ${code}`)),
      logError: vi.fn(),
      disposeTimeoutMs: 50,
    },
  };
}

describe('a failure while main starts', () => {
  it('shows an error box, stops what was started (the local server), then exits non-zero', async () => {
    const { order, deps: d } = deps(async () => undefined);
    await reportStartupFailure(new Error('keychain unavailable'), d);
    expect(order).toEqual(['error box', 'dispose', `exit ${STARTUP_FAILURE_EXIT_CODE}`]);
    expect(d.showErrorBox).toHaveBeenCalledWith('RakerOne Admin could not start', expect.stringContaining('keychain unavailable'));
  });

  it('exits even when the clean-up fails or hangs', async () => {
    const failing = deps(() => Promise.reject(new Error('child already gone')));
    await reportStartupFailure(new Error('x'), failing.deps);
    expect(failing.deps.exit).toHaveBeenCalledWith(STARTUP_FAILURE_EXIT_CODE);

    const hanging = deps(() => new Promise<void>(() => {}));
    await reportStartupFailure(new Error('x'), hanging.deps);
    expect(hanging.deps.exit).toHaveBeenCalledWith(STARTUP_FAILURE_EXIT_CODE);
  });
});
