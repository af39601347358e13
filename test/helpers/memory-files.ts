/**
 * A FileStore in memory with crash injection: `crashAt(n)` makes the n-th write die, either before the
 * file is replaced or just after — the two sides of an atomic rename — as a killed process would.
 */
import type { FileStore } from '../../src/main/ports.js';

export class Crash extends Error {
  constructor(where: string) {
    super(`crash injected ${where}`);
    this.name = 'Crash';
  }
}

export function createMemoryFiles(initial?: Map<string, string>): FileStore & {
  data: Map<string, string>;
  writes: number;
  onWrite: ((path: string, phase: 'before' | 'after') => void) | null;
} {
  const data = new Map(initial);
  const files = {
    data,
    writes: 0,
    onWrite: null as ((path: string, phase: 'before' | 'after') => void) | null,
    async read(path: string) {
      return data.get(path) ?? null;
    },
    async write(path: string, content: string) {
      files.writes += 1;
      files.onWrite?.(path, 'before');
      data.set(path, content);
      files.onWrite?.(path, 'after');
    },
    async rename(from: string, to: string) {
      const content = data.get(from);
      if (content === undefined) throw new Error('ENOENT');
      data.delete(from);
      data.set(to, content);
    },
    async remove(path: string) {
      data.delete(path);
    },
    async list(dir: string) {
      const prefix = `${dir}/`;
      return [...data.keys()].filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')).map((path) => path.slice(prefix.length));
    },
  };
  return files;
}
