/**
 * Containment: switching a key off and on again (suspend, resume, in bulk) and restricting the
 * addresses it may be used from. `POST /api/admin/api-keys/{id}/suspend`, `…/{id}/resume` and
 * `PUT /api/admin/api-keys/{id}/allowed-addresses`.
 */
import { z } from 'zod';
import { ALLOWED_ADDRESSES_MAX, parseCidr } from '../cidr.js';
import { IsoDateSchema } from './common.js';

export const SUSPENSION_REASON_MAX_LENGTH = 200;

/** Why a key is switched off: trimmed, 1–200 characters, on one line. */
export const SuspensionReasonSchema = z
  .string({ error: 'reason is required' })
  .trim()
  .min(1, 'reason is required')
  .max(SUSPENSION_REASON_MAX_LENGTH, `reason must be at most ${SUSPENSION_REASON_MAX_LENGTH} characters`)
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .refine((reason) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(reason), 'reason must be one line without control characters');

/** A suspended key's who, when and why (`ApiKeyDto.suspension`). `by` is null when its admin is gone. */
export const SuspensionSchema = z.object({
  at: IsoDateSchema,
  by: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string(),
});
export type Suspension = z.infer<typeof SuspensionSchema>;

export const SuspendApiKeyBodySchema = z.object({ reason: SuspensionReasonSchema }).strict();
export type SuspendApiKeyBody = z.input<typeof SuspendApiKeyBodySchema>;

/** One CIDR block (or bare address), canonicalized; see `cidr.ts` for the rules. */
export const CidrBlockSchema = z.string({ error: 'Each allowed address must be text' }).transform((raw, ctx) => {
  const parsed = parseCidr(raw);
  if (parsed.ok) return parsed.block;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

/**
 * A key's allowed addresses: 1–50 CIDR blocks, canonical, each once (a duplicate after
 * canonicalization is dropped); null = from anywhere.
 */
export const AllowedAddressesSchema = z
  .array(CidrBlockSchema, { error: 'allowedAddresses must be a list of addresses or CIDR blocks, or null' })
  .min(1, 'List at least one address, or send null to allow every address')
  .max(ALLOWED_ADDRESSES_MAX, `At most ${ALLOWED_ADDRESSES_MAX} allowed addresses`)
  .transform((blocks) => [...new Set(blocks)])
  .nullable();

export const SetAllowedAddressesBodySchema = z.object({ allowedAddresses: AllowedAddressesSchema }).strict();
export type SetAllowedAddressesBody = z.input<typeof SetAllowedAddressesBodySchema>;

export { ALLOWED_ADDRESSES_MAX };
