/** The copy screen: a new key copied once. */
import { z } from 'zod';
import { InstantSchema } from '../instant.js';

export const CopyResultSchema = z.object({
  /** When main will clear the clipboard if it still holds the key. */
  clearsAt: InstantSchema,
});
