/**
 * ESM loader hooks (node:module register) for the boot test's child process: the bare specifier
 * `electron` resolves to the stand-in (electron.ts next to this file), everything else as usual.
 */
const STAND_IN = new URL('./electron.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  // Through the next resolver (tsx's), so the TypeScript stand-in is compiled like any test file.
  if (specifier === 'electron') return nextResolve(STAND_IN, context);
  return nextResolve(specifier, context);
}
