import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../../../../../../src/renderer/src/features/keys/filters/filter-keys';
import { activeChips } from '../../../../../../src/renderer/src/features/keys/filters/filter-options';

const { query: _query, ...DEFAULTS } = DEFAULT_FILTERS;
const CREATORS = [{ id: 'person-ana', name: 'Ana Security' }];

describe('the chips of the Filters menu', () => {
  it('none while the menu filters are at their defaults (Status and Needs attention are on the line itself)', () => {
    expect(activeChips(DEFAULTS, CREATORS)).toEqual([]);
    expect(activeChips({ ...DEFAULTS, status: 'all', attention: 'any-flag' }, CREATORS)).toEqual([]);
  });

  it('one per filter set, saying what it keeps, in the order of the menu', () => {
    const chips = activeChips(
      { ...DEFAULTS, capability: 'data-record:write', impersonation: 'yes', usage: 'never', createdBy: 'person-ana', lastUsedBefore: '2026-11-01' },
      CREATORS,
    );
    expect(chips.map((chip) => chip.filter)).toEqual(['capability', 'impersonation', 'usage', 'createdBy', 'lastUsedBefore']);
    expect(chips.slice(0, 4).map((chip) => chip.text)).toEqual([
      'Permission: Write records',
      'Impersonation: Can impersonate',
      'Last used: Never used',
      'Created by: Ana Security',
    ]);
    expect(chips[4]!.text).toMatch(/^Last used before .*2026/);
  });

  it('a creator no longer in the list is said so, not dropped', () => {
    expect(activeChips({ ...DEFAULTS, createdBy: 'person-gone' }, CREATORS)[0]!.text).toBe('Created by: someone no longer listed');
  });
});
