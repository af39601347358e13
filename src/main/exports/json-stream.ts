/**
 * A JSON document whose last field is a long array, as chunks: the fields before it, then the array's
 * items batch by batch, then the end — exactly the text `JSON.stringify(document, null, 2)` gives, so a
 * document of a million items is written without ever being held whole (or as one string) in memory.
 */

/**
 * `head` is the document without the array; `arrayKey` names the array, written as the last field.
 * Items are top-level array entries: indented by four spaces, as JSON.stringify would.
 */
export async function* jsonDocumentChunks(
  head: Readonly<Record<string, unknown>>,
  arrayKey: string,
  batches: AsyncIterable<readonly unknown[]>,
): AsyncGenerator<string, void, undefined> {
  if (Object.hasOwn(head, arrayKey)) throw new Error(`The streamed array "${arrayKey}" must not be in the document's head`);
  // The document with an empty array, cut where the array's `[]` stands: what comes before and after it.
  const empty = JSON.stringify({ ...head, [arrayKey]: [] }, null, 2);
  const at = empty.lastIndexOf('[]');
  yield `${empty.slice(0, at)}[`;
  let count = 0;
  for await (const batch of batches) {
    let chunk = '';
    for (const item of batch) {
      // JSON.stringify escapes line breaks inside strings: every raw newline is layout, safe to indent.
      chunk += `${count === 0 ? '' : ','}\n    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`;
      count += 1;
    }
    if (chunk !== '') yield chunk;
  }
  yield `${count === 0 ? ']' : '\n  ]'}${empty.slice(at + 2)}\n`;
}
