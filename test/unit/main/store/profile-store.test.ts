import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/main/logger.js';
import { createProfileStore } from '../../../../src/main/store/profile-store.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';

const GOOD = { id: 'p1', serverUrl: 'https://rakerone.example.com', isLocal: false, organization: null, person: null };

function storeWith(profiles: unknown[]) {
  const files = createMemoryFiles(new Map([['/d/profiles.json', JSON.stringify({ version: 1, data: { activeId: 'p2', profiles } })]]));
  return { files, store: createProfileStore({ dir: '/d', files, logger: silentLogger, now: () => 1 }) };
}

describe('profile store: stored profiles are re-validated when read', () => {
  it('keeps valid profiles, rejects each invalid one with its reason, and never writes a rejected one back', async () => {
    const { files, store } = storeWith([
      GOOD,
      { ...GOOD, id: 'p2', serverUrl: 'http://evil.example.com' },
      { ...GOOD, id: 'p3', serverUrl: 'https://remote.example', isLocal: true },
      { ...GOOD, id: '../p4' },
    ]);
    const file = await store.read();
    expect(file.profiles.map((p) => p.id)).toEqual(['p1']);
    expect(file.rejected).toMatchObject([
      { id: 'p2', serverUrl: 'http://evil.example.com', reason: expect.stringContaining('https://') },
      { id: 'p3', reason: expect.stringContaining('this computer') },
      { id: '../p4', reason: expect.stringContaining('not a profile id') },
    ]);
    await store.update((f) => ({ ...f, activeId: 'p1' }));
    expect(JSON.parse(files.data.get('/d/profiles.json')!).data).toEqual({ activeId: 'p1', profiles: [GOOD] });
  });
});
