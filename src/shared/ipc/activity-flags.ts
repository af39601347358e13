/**
 * keys:used-from — the incident filter "Used from": which keys of the organization were used from an
 * address in the last 90 days (the server's `GET /api/admin/api-keys?usedFrom=`, every page). It needs
 * the server: offline main answers `source: 'offline'` rather than an empty list, which would read as
 * "no key was used from there".
 */
import { z } from 'zod';
import { IpAddressSchema } from '../http/activity.js';
import { InstantSchema } from '../instant.js';

export const UsedFromInputSchema = z.object({ address: IpAddressSchema }).strict();
export type UsedFromInput = z.input<typeof UsedFromInputSchema>;

export const UsedFromResultSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('server'),
    /** The address as the server compares it (normalized: `::ffff:203.0.113.7` is 203.0.113.7). */
    address: z.string(),
    /** Every key (any status) with a source at that address in the last 90 days. */
    keyIds: z.array(z.string()),
    /** When the server answered. */
    asOf: InstantSchema,
  }),
  /** The server could not be asked (offline, or unreachable during the call). */
  z.object({ source: z.literal('offline'), address: z.string() }),
]);
export type UsedFromResult = z.infer<typeof UsedFromResultSchema>;
