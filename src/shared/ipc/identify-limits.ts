/** Limits of "Identify leaked keys", without zod: the renderer checks the paste's size before sending it. */

/** The most text one paste may hold: 5 MiB counted in characters (a log excerpt, a config, a chat). */
export const IDENTIFY_TEXT_MAX_CHARS = 5 * 1024 * 1024;
/** The largest file main opens for a scan: 50 MiB (a day of a busy service's log). */
export const IDENTIFY_FILE_MAX_BYTES = 50 * 1024 * 1024;
/** The most different valid keys one scan names: 5 requests of 1,000 hashes to the server. */
export const IDENTIFY_MAX_KEYS = 5_000;
/** The most rejected candidates listed one by one (all of them are counted). */
export const IDENTIFY_MAX_REJECTED_LISTED = 200;

export const IDENTIFY_TEXT_TOO_LONG = 'The text is longer than 5 MB. Open it as a file instead (up to 50 MB), or scan it in parts.';
