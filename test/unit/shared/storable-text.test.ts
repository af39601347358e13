import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { LONE_SURROGATE_MESSAGE, NUL_MESSAGE, storableText, unstorableTextIssues } from '../../../src/shared/storable-text.js';
import { textOfEveryClass } from '../../helpers/text-arbitraries.js';

describe('storable text', () => {
  it('names every field holding a NUL or a lone surrogate, however deep, keys included', () => {
    const value = { name: 'a\u0000b', ok: 'fine 😀', list: ['x', '\ud800'], deep: { more: { text: '\udc00y' } }, ['k\u0000']: 1 };
    expect(unstorableTextIssues(value)).toEqual([
      { path: ['name'], message: NUL_MESSAGE },
      { path: ['list', 1], message: LONE_SURROGATE_MESSAGE },
      { path: ['deep', 'more', 'text'], message: LONE_SURROGATE_MESSAGE },
      { path: ['k\u0000'], message: `Field names: t${NUL_MESSAGE.slice(1)}` },
    ]);
    expect(unstorableTextIssues({ pair: '\ud83d\ude00', bom: '\ufeff', nonchar: '\uffff', del: '\u007f' })).toEqual([]);
  });

  it('storableText(schema) refuses before the schema runs, on the field, and parses as the schema otherwise', () => {
    const schema = storableText(z.object({ name: z.string().transform((s) => s.toUpperCase()) }));
    expect(schema.parse({ name: 'ok' })).toEqual({ name: 'OK' });
    const refused = schema.safeParse({ name: 'no\u0000' });
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['name', NUL_MESSAGE]]);
  });

  it('property: every code point class; refused exactly when a NUL or a lone surrogate is in it', () => {
    fc.assert(
      fc.property(textOfEveryClass(), ({ text, storable }) => {
        expect(unstorableTextIssues({ field: text }).length === 0).toBe(storable);
        // What is accepted survives the trip through UTF-8, as the databases store it.
        if (storable) expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});
