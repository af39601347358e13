/**
 * The visible shape of RakerOne secrets, without any crypto: safe to import from the renderer
 * (which shows hints and validates nothing secret). Generation and checking live in key-format.ts.
 */
export const SECRET_KINDS = {
  apiKey: 'rkr_key_',
  adminToken: 'rkr_adm_',
} as const;
export type SecretKind = keyof typeof SECRET_KINDS;

/** Matches what `hashSecret` produces, for validating client-computed hashes. */
export const SECRET_HASH_PATTERN = /^[0-9a-f]{64}$/;
/** Matches what `hintOf` produces for an API key. */
export const API_KEY_HINT_PATTERN = /^rkr_key_…[0-9A-Za-z]{4}$/;
