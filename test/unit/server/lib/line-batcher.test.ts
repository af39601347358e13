/**
 * The line batcher: one hand-over per turn of the event loop, never more than a pipe writes
 * atomically, everything on flush, and — with a destination that can flush synchronously — the
 * pending lines on a crash too (a real child process that throws).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLineBatcher } from '../../../../src/server/lib/line-batcher.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function sink() {
  const writes: string[] = [];
  return { writes, write: (text: string) => void writes.push(text) };
}

describe('createLineBatcher', () => {
  it('hands the lines of one turn over as one string, in order, at the end of the turn', async () => {
    const s = sink();
    const lines = createLineBatcher(s);
    lines.write('a\n');
    lines.write('b\n');
    lines.write('c\n');
    expect(s.writes).toEqual([]);
    await nextTurn();
    expect(s.writes).toEqual(['a\nb\nc\n']);
    lines.write('d\n');
    await nextTurn();
    expect(s.writes).toEqual(['a\nb\nc\n', 'd\n']);
    await nextTurn();
    expect(s.writes).toHaveLength(2);
  });

  it('hands a batch over at once when it reaches maxChars, so no hand-over outgrows an atomic pipe write', async () => {
    const s = sink();
    const lines = createLineBatcher(s, { maxChars: 10 });
    for (const line of ['1234\n', '5678\n', 'abcd\n']) lines.write(line);
    expect(s.writes).toEqual(['1234\n5678\n']);
    await nextTurn();
    expect(s.writes).toEqual(['1234\n5678\n', 'abcd\n']);
    for (const text of s.writes) expect(text.endsWith('\n')).toBe(true);
  });

  it('flush() hands over what is pending now, and the turn then has nothing left to write', async () => {
    const s = sink();
    const lines = createLineBatcher(s);
    lines.write('x\n');
    lines.flush();
    expect(s.writes).toEqual(['x\n']);
    await nextTurn();
    expect(s.writes).toEqual(['x\n']);
    lines.flush();
    expect(s.writes).toEqual(['x\n']);
  });

  it('listens for process exit only with a destination that can flush synchronously, and stops on close', () => {
    const before = process.listenerCount('exit');
    const plain = createLineBatcher(sink());
    expect(process.listenerCount('exit')).toBe(before);
    const flushing = createLineBatcher({ ...sink(), flushSync: () => undefined });
    expect(process.listenerCount('exit')).toBe(before + 1);
    flushing.close();
    plain.close();
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('writes the lines of the turn a process crashes in (pino destination on stdout, asynchronous)', () => {
    const batcher = fileURLToPath(new URL('../../../../src/server/lib/line-batcher.ts', import.meta.url));
    const script = `
      import { pino } from 'pino';
      import { createLineBatcher } from ${JSON.stringify(batcher)};
      const lines = createLineBatcher(pino.destination({ dest: 1, sync: false, minLength: 3072 }));
      for (let i = 0; i < 3; i++) lines.write('line ' + i + '\\n');
      throw new Error('crash in the same turn');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('crash in the same turn');
    expect(child.stdout).toBe('line 0\nline 1\nline 2\n');
  });
});
