import { describe, expect, it } from 'vitest';
import { CAPABILITIES, CAPABILITY_GROUPS, capabilitiesByGroup, capabilitiesOfRole, sortCapabilities } from '../../../src/shared/capabilities.js';

describe('capability catalog', () => {
  it('has the 22 capabilities of the reference, with unique slugs', () => {
    expect(CAPABILITIES).toHaveLength(22);
    expect(new Set(CAPABILITIES.map((c) => c.slug)).size).toBe(22);
  });

  it('uses the exact group titles, in order', () => {
    expect(CAPABILITY_GROUPS).toEqual(['Playbooks and runs', 'Projects and templates', 'Records, record types, and views', 'Triggers']);
    expect(capabilitiesByGroup().map((g) => g.capabilities.length)).toEqual([8, 6, 7, 1]);
  });

  it('gives each role the capabilities of the reference table', () => {
    expect(capabilitiesOfRole('admin').size).toBe(22);
    expect(capabilitiesOfRole('manager').size).toBe(15);
    expect(capabilitiesOfRole('builder').size).toBe(18);
    expect(capabilitiesOfRole('member').size).toBe(8);
    expect(capabilitiesOfRole('member').has('data-record:delete')).toBe(false);
    expect(capabilitiesOfRole('manager').has('project:create')).toBe(true);
    expect(capabilitiesOfRole('builder').has('project:create')).toBe(false);
  });

  it('keeps exact labels', () => {
    const labels = Object.fromEntries(CAPABILITIES.map((c) => [c.slug, c.label]));
    expect(labels['playbook-run:manage']).toBe('Manage runs (pause / cancel)');
    expect(labels['data-object:read']).toBe('View record types');
    expect(labels['trigger:manage']).toBe('Manage triggers');
  });

  it('sorts slugs into catalog order', () => {
    expect(sortCapabilities(['trigger:manage', 'playbook:create'])).toEqual(['playbook:create', 'trigger:manage']);
  });
});
