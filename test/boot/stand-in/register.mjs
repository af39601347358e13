/**
 * `node --import tsx --import ./test/boot/stand-in/register.mjs out/main/index.js`: installs the hook that
 * maps `electron` to the stand-in. The stand-in is loaded by main's own `import … from 'electron'`, in
 * the same evaluation pass as main, so its `ready` comes after main's top level, as in Electron.
 */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
