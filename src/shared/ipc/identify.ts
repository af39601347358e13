/**
 * IPC shapes of "Identify leaked keys" (keys:identify, keys:identify-file). The pasted text goes from
 * the renderer to main once, as the input of keys:identify; nothing that comes back holds a secret:
 * found keys are named by the server's row (its non-secret hint) or by a hint made in main, rejected
 * candidates by a hint and their position. Main sends the server only SHA-256 hashes.
 */
import { z } from 'zod';
import { ApiKeyDtoSchema } from '../http/api-keys.js';
import { IDENTIFY_TEXT_MAX_CHARS, IDENTIFY_TEXT_TOO_LONG } from './identify-limits.js';

export * from './identify-limits.js';

export const IdentifyTextInputSchema = z
  .object({
    text: z.string({ error: 'Paste the text to scan' }).min(1, 'Paste the text to scan').max(IDENTIFY_TEXT_MAX_CHARS, IDENTIFY_TEXT_TOO_LONG),
  })
  .strict();

/** Where a candidate first appears: 1-based line and column (in characters). */
export const TextPositionSchema = z.object({ line: z.number().int().positive(), column: z.number().int().positive() });
export type TextPosition = z.infer<typeof TextPositionSchema>;

/**
 * A well-formed key (prefix, length and checksum right) found in the text: what the server says it is
 * (`ours`, with its row), `not-ours` (no key of this organization: another organization's, or one
 * that never existed), or `unnamed` (offline: the server could not be asked).
 */
export const FoundKeySchema = z.object({
  /** A stable id for this scan's list (`found-1`, …); not the key's id. */
  ref: z.string(),
  /** `rkr_key_…Ab3x`: the same hint the keys table shows. */
  hint: z.string(),
  /** How many times the key appears in the text. */
  occurrences: z.number().int().positive(),
  firstSeen: TextPositionSchema,
  match: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ours'), key: ApiKeyDtoSchema }),
    z.object({ kind: z.literal('not-ours') }),
    z.object({ kind: z.literal('unnamed') }),
  ]),
});
export type FoundKey = z.infer<typeof FoundKeySchema>;

/**
 * Something that starts like a key but is not one: `checksum` (right length, a character is wrong:
 * mistyped, or changed on purpose) or `length` (cut short, or with characters missing or added).
 */
export const RejectedCandidateSchema = z.object({
  ref: z.string(),
  /** The prefix and the last four characters before the checksum (for `length`: the last four), never more. */
  hint: z.string(),
  reason: z.enum(['checksum', 'length']),
  occurrences: z.number().int().positive(),
  firstSeen: TextPositionSchema,
  /**
   * A `checksum` candidate one character away from a key found in the same text: that key's `ref`,
   * and its name when RakerOne named it ("looks like a mistyped copy of Billing export"); else null.
   */
  resembles: z.object({ ref: z.string(), name: z.string().nullable() }).nullable(),
});
export type RejectedCandidate = z.infer<typeof RejectedCandidateSchema>;

export const IdentifyResultSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), characters: z.number().int().nonnegative() }),
    /** Only the file's name, never its folder. */
    z.object({ kind: z.literal('file'), name: z.string(), bytes: z.number().int().nonnegative() }),
  ]),
  /** `named`: the server was asked about every found key; `offline`: it could not be reached. */
  lookup: z.enum(['named', 'offline', 'nothing-to-ask']),
  keys: z.array(FoundKeySchema),
  rejected: z.array(RejectedCandidateSchema),
  /** All rejected candidates, also those past the listed ones. */
  rejectedCount: z.number().int().nonnegative(),
  /** Admin access tokens (rkr_adm_…) with a valid checksum: not API keys, so never sent to identify. */
  adminTokens: z.number().int().nonnegative(),
});
export type IdentifyResult = z.infer<typeof IdentifyResultSchema>;

/** keys:identify-file: null when the person closed the open-file dialog without choosing a file. */
export const IdentifyFileResultSchema = IdentifyResultSchema.nullable();
