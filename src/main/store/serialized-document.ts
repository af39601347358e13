/**
 * One document with a cached read and a serialized update queue: every change is applied to the latest
 * content and written (one atomic write) before the next change starts, so two updates never race and
 * a crash between them loses nothing that was acknowledged. Used by the profile and the state stores.
 */
import type { VersionedDocument } from './versioned-json.js';

export interface SerializedDocument<T> {
  read(): Promise<T>;
  /** Applies `change` to the latest content, writes it and resolves to the new content. */
  update(change: (current: T) => T): Promise<T>;
  /** Like update, but `change` also computes a result for the caller (no outer variables). */
  transact<R>(change: (current: T) => { next: T; result: R }): Promise<R>;
  /** Resolves when every update queued so far has settled. */
  settled(): Promise<void>;
}

export function serializedDocument<T>(doc: VersionedDocument<T>): SerializedDocument<T> {
  let current: Promise<T> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const read = () => (current ??= doc.read());
  function transact<R>(change: (current: T) => { next: T; result: R }): Promise<R> {
    const run = queue.then(async () => {
      const { next, result } = change(await read());
      await doc.write(next);
      current = Promise.resolve(next);
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }
  return {
    read,
    transact,
    update: (change) =>
      transact((s) => {
        const next = change(s);
        return { next, result: next };
      }),
    settled: () => queue.then(() => undefined),
  };
}
