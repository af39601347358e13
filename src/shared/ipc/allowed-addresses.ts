/** A key's allowed addresses over IPC: the drawer's editor sets them (queued like every other change). */
import { z } from 'zod';
import { AllowedAddressesSchema } from '../http/containment.js';

/**
 * `allowedAddresses`: 1–50 CIDR blocks (or bare addresses), canonicalized and deduplicated as the server
 * does it (shared/cidr.ts), or null to allow every address again.
 */
export const SetAllowedAddressesInputSchema = z.object({ id: z.string().min(1).max(100), allowedAddresses: AllowedAddressesSchema }).strict();
export type SetAllowedAddressesInput = z.input<typeof SetAllowedAddressesInputSchema>;
