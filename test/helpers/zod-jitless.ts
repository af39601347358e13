/**
 * The renderer's CSP (script-src 'self', no 'unsafe-eval') forbids zod's compiled parsers, which
 * zod decides when a schema is built. The fake bridge, bundled into the page for the axe and
 * benchmark runs, builds the IPC contract's schemas: this module is imported before it, so they are
 * built without compilation.
 */
import { z } from 'zod';

z.config({ jitless: true });
