/** The Needs-attention flags in the product's words, the one wording of the table, the drawer, the filter and the export. */
import { describe, expect, it } from 'vitest';
import { EXPIRES_SOON_DAYS, FLAG_KINDS } from '../../../../src/shared/ipc/key-flags.js';
import { FLAG_FILTER_LABEL, flagDetail, flagLabel } from '../../../../src/shared/wording/key-flags.js';

describe('flag wording', () => {
  it('names each flag; "Expires in N days" counts its own days', () => {
    expect(
      [{ kind: 'expired' }, { kind: 'expires-soon', days: 1 }, { kind: 'expires-soon', days: 5 }, { kind: 'never-used' }, { kind: 'unused-90-days' }].map(
        (flag) => flagLabel(flag as never),
      ),
    ).toEqual(['Expired', 'Expires in 1 day', 'Expires in 5 days', 'Never used', 'Unused for 90 days']);
  });

  it('details unused permissions in the catalog order, impersonation as the form names it', () => {
    expect(flagDetail({ kind: 'unused-permissions', capabilities: ['data-record:write', 'data-record:read'], impersonation: true })).toBe(
      'Unused permissions: Read records, Write records, Can impersonate users',
    );
    expect(flagDetail({ kind: 'unused-permissions', capabilities: [], impersonation: true })).toBe('Unused permissions: Can impersonate users');
    expect(flagDetail({ kind: 'never-used' })).toBe('Never used');
  });

  it('says the activity flags with their counts (the summary gives counts, not the addresses)', () => {
    expect(flagLabel({ kind: 'refused-requests', count: 3 })).toBe('Refused requests');
    expect(flagLabel({ kind: 'new-address', count: 2 })).toBe('New address');
    expect(flagDetail({ kind: 'refused-requests', count: 3 })).toBe('Refused requests: 3 in 7 days');
    expect(flagDetail({ kind: 'new-address', count: 1 })).toBe('New address: 1 address first seen in 7 days');
    expect(flagDetail({ kind: 'new-address', count: 2 })).toBe('New address: 2 addresses first seen in 7 days');
    expect(FLAG_FILTER_LABEL['refused-requests']).toBe('Refused requests in 7 days');
    expect(FLAG_FILTER_LABEL['new-address']).toBe('New address in 7 days');
  });

  it('has a filter option for every kind', () => {
    expect(Object.keys(FLAG_FILTER_LABEL).sort()).toEqual([...FLAG_KINDS].sort());
    expect(FLAG_FILTER_LABEL['expires-soon']).toBe(`Expires within ${EXPIRES_SOON_DAYS} days`);
    expect(FLAG_FILTER_LABEL['expires-soon']).toBe('Expires within 14 days');
  });
});
