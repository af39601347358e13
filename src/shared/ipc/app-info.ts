/** What the page knows of the app it runs in. */
import { z } from 'zod';

export const AppInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** The driver the page runs under: Electron, or the web stand-in used in end-to-end tests. */
  runtime: z.enum(['electron', 'web']),
});
