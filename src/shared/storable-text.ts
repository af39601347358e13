/**
 * Text the databases cannot keep as sent: PostgreSQL refuses a NUL character (U+0000) in text at write
 * time (the request would end as a 500, perhaps after other writes), and a lone surrogate (half of a
 * UTF-16 pair, which no UTF-8 text can hold) is silently turned into U+FFFD by both drivers, so what is
 * read back is not what was sent. Such text is refused where it comes in, with a field message:
 * storableText(schema) wraps any schema (a route's body, query, params, headers; an IPC input), so every
 * string of the value, object keys included and however deeply nested, is checked once, in one place.
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const NUL = /\u0000/;
/** With the `u` flag a well-formed pair is one code point, so only a lone surrogate is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

export const NUL_MESSAGE = 'Text cannot contain the NUL character (U+0000)';
export const LONE_SURROGATE_MESSAGE = 'Text cannot contain a lone surrogate (half of a UTF-16 pair)';

/** Why `text` cannot be stored as it is, or null when it can. */
export function unstorableTextMessage(text: string): string | null {
  if (NUL.test(text)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return LONE_SURROGATE_MESSAGE;
  return null;
}

export interface TextIssue {
  path: (string | number)[];
  message: string;
}

/** Every string in `value` (keys too) that cannot be stored, with its path, in document order; at most `max`. */
export function unstorableTextIssues(value: unknown, max = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  // Iterative: a body may nest as deep as the JSON parser allows.
  const stack: { value: unknown; path: (string | number)[]; keyMessage: string | null }[] = [{ value, path: [], keyMessage: null }];
  while (stack.length > 0 && issues.length < max) {
    const { value: current, path, keyMessage } = stack.pop()!;
    if (keyMessage !== null) issues.push({ path, message: `Field names: ${keyMessage.charAt(0).toLowerCase()}${keyMessage.slice(1)}` });
    if (typeof current === 'string') {
      const message = unstorableTextMessage(current);
      if (message !== null) issues.push({ path, message });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i], keyMessage: null });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current).reverse()) stack.push({ value: inner, path: [...path, key], keyMessage: unstorableTextMessage(key) });
    }
  }
  return issues.slice(0, max);
}

/** `schema`, refusing first (400 on each field, nothing parsed further) any text the databases cannot keep. */
export function storableText<T extends z.ZodType>(schema: T): z.ZodPipe<z.ZodUnknown, T> {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const issue of unstorableTextIssues(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    })
    .pipe(schema);
}
