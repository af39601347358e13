/** The streamed JSON document: exactly the text JSON.stringify(document, null, 2) gives, however it is cut. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDocumentChunks } from '../../../../src/main/exports/json-stream.js';

async function* batchesOf<T>(items: T[], sizes: number[]): AsyncGenerator<T[]> {
  let at = 0;
  for (const size of sizes) {
    yield items.slice(at, at + size);
    at += size;
  }
  if (at < items.length) yield items.slice(at);
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
}

describe('jsonDocumentChunks', () => {
  it('an empty array reads as []; items as JSON.stringify indents them', async () => {
    const head = { format: 'x', filter: { actions: [] as string[] }, source: null };
    expect(await text(jsonDocumentChunks(head, 'events', batchesOf([], [0, 0])))).toBe(`${JSON.stringify({ ...head, events: [] }, null, 2)}\n`);
    const items = [
      { a: 1, b: { c: 'line\nbreak "quoted"' } },
      { a: 2, b: null },
    ];
    expect(await text(jsonDocumentChunks(head, 'events', batchesOf(items, [1, 0, 1])))).toBe(`${JSON.stringify({ ...head, events: items }, null, 2)}\n`);
  });

  it('property: any head, any items, any batching: byte for byte JSON.stringify(document, null, 2), and it parses back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string().filter((key) => key !== 'events' && key !== '__proto__'),
          fc.jsonValue({ maxDepth: 2 }),
          { maxKeys: 4 },
        ),
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 30 }),
        fc.array(fc.nat(7), { maxLength: 10 }),
        async (head, items, sizes) => {
          const streamed = await text(jsonDocumentChunks(head, 'events', batchesOf(items, sizes)));
          const document = { ...head, events: items };
          expect(streamed).toBe(`${JSON.stringify(document, null, 2)}\n`);
          expect(JSON.parse(streamed)).toEqual(JSON.parse(JSON.stringify(document)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a head that already holds the array (it would not be last)', async () => {
    await expect(text(jsonDocumentChunks({ events: [] }, 'events', batchesOf([], [])))).rejects.toThrow('must not be in');
  });
});
