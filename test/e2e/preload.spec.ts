/**
 * The page's `window.rakerone` is the one the built preload (out/preload/index.cjs) installs — in the
 * web project through a `require('electron')` shim, in the electron project through Electron itself —
 * so its allowlist and its answers are the shipped ones.
 */
import { expect, test } from './fixtures.js';

test('window.rakerone is the built preload: frozen, non-enumerable, allowlisted channels only', async ({ page }) => {
  const seen = await page.evaluate(async () => {
    const bridge = window.rakerone!;
    const unknownInvoke = await bridge.invoke('fs:read' as never, { path: '/etc/passwd' } as never);
    const unsubscribe = bridge.on('shell:open' as never, () => {});
    return {
      frozen: Object.isFrozen(bridge),
      enumerable: Object.keys(window).includes('rakerone'),
      methods: Object.keys(bridge).sort(),
      unknownInvoke,
      unknownOnReturnsFunction: typeof unsubscribe === 'function',
      info: await bridge.invoke('app:info', {}),
    };
  });
  expect(seen).toMatchObject({
    frozen: true,
    enumerable: false,
    methods: ['invoke', 'on'],
    unknownInvoke: { ok: false, error: { code: 'VALIDATION', message: 'Unknown request.' } },
    unknownOnReturnsFunction: true,
    info: { ok: true },
  });
});
