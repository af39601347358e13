/** Where a secret could be left behind: every file under a folder, and everything the renderer stores. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** localStorage, sessionStorage, and the names of IndexedDB databases and Cache Storage caches. */
export async function rendererStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        dump.push(key, storage.getItem(key) ?? '');
      }
    }
    for (const info of await indexedDB.databases()) dump.push(`indexedDB:${info.name}`);
    for (const name of await caches.keys()) dump.push(`cache:${name}`);
    return dump.join('\n');
  });
}
