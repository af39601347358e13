import { describe, expect, it } from 'vitest';
import { freshReads, freshReadsPerTurn } from '../../../../src/server/db/fresh-read.js';

/** A read the test answers by hand; `sent` counts the reads sent to the "database". */
function manualRead() {
  const pending: ((value: number) => void)[] = [];
  let value = 0;
  return {
    read: () => new Promise<number>((resolve) => pending.push(() => resolve(value))),
    answerNext: () => pending.shift()!(0),
    set: (v: number) => void (value = v),
    sent: () => pending.length,
  };
}

describe('freshReads', () => {
  it('gives every caller a value read after it asked, sharing reads among callers who asked before one was sent', async () => {
    const db = manualRead();
    const epoch = freshReads(() => db.read());
    const first = epoch();
    expect(db.sent()).toBe(1);
    // Asked while the first read is in flight: must not get its answer (it may predate a revocation).
    db.set(1);
    const second = epoch();
    const third = epoch();
    expect(db.sent()).toBe(1);
    db.set(0);
    db.answerNext();
    expect(await first).toBe(0);
    // The next read is sent at once, for both waiting callers.
    expect(db.sent()).toBe(1);
    db.set(2);
    db.answerNext();
    expect([await second, await third]).toEqual([2, 2]);
    expect(db.sent()).toBe(0);
  });

  it('passes a failed read to its callers and keeps working', async () => {
    let fail = true;
    const epoch = freshReads(async () => {
      if (fail) throw new Error('connection lost');
      return 5;
    });
    await expect(epoch()).rejects.toThrow('connection lost');
    fail = false;
    expect(await epoch()).toBe(5);
  });
});

describe('freshReadsPerTurn', () => {
  it('makes one read for the callers of one event-loop turn, after all of them asked, and a new one for later callers', async () => {
    let value = 1;
    let reads = 0;
    const epoch = freshReadsPerTurn(() => {
      reads++;
      return value;
    });
    const first = epoch();
    const second = epoch();
    // Nothing is read while callers of this turn may still arrive: a change now is still seen.
    expect(reads).toBe(0);
    value = 2;
    expect([await first, await second]).toEqual([2, 2]);
    expect(reads).toBe(1);
    value = 3;
    expect(await epoch()).toBe(3);
    expect(reads).toBe(2);
  });

  it('passes a failed read to the callers of that turn only', async () => {
    let fail = true;
    const epoch = freshReadsPerTurn(() => {
      if (fail) throw new Error('disk I/O error');
      return 1;
    });
    await expect(epoch()).rejects.toThrow('disk I/O error');
    fail = false;
    expect(await epoch()).toBe(1);
  });
});
