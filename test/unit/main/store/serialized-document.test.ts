import { describe, expect, it } from 'vitest';
import { serializedDocument } from '../../../../src/main/store/serialized-document.js';

describe('serialized document', () => {
  it('applies concurrent changes one after another to the latest content, and a transaction returns its result', async () => {
    const writes: number[] = [];
    const doc = serializedDocument<number>({
      read: async () => 0,
      write: async (n) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        writes.push(n);
      },
    });
    const results = await Promise.all([doc.update((n) => n + 1), doc.transact((n) => ({ next: n * 10, result: `was ${n}` })), doc.update((n) => n + 2)]);
    expect(results).toEqual([1, 'was 1', 12]);
    expect(writes).toEqual([1, 10, 12]);
    expect(await doc.read()).toBe(12);
  });

  it('a failing change leaves the content as it was and does not block the next', async () => {
    const doc = serializedDocument<number>({ read: async () => 5, write: async () => {} });
    await expect(
      doc.update(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await doc.update((n) => n + 1)).toBe(6);
  });
});
