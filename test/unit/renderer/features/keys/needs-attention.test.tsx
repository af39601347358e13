import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KeyRow } from '../../../../../src/shared/ipc/contract';
import type { KeyUsageView } from '../../../../../src/shared/ipc/key-flags';
import { makeKey } from '../../../../helpers/fake-bridge';
import { renderApp } from '../../render-app';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function rowOf(name: string): HTMLElement {
  return within(screen.getByRole('table', { name: 'API keys' }))
    .getByRole('button', { name })
    .closest('[role="row"]') as HTMLElement;
}

const FLAGGED: { name: string; overrides: Partial<KeyRow>; text: string }[] = [
  { name: 'Old ledger', overrides: { status: 'expired', expiresAt: ago(1), flags: [{ kind: 'expired' }] }, text: 'Expired' },
  { name: 'Short lived', overrides: { expiresAt: ahead(3), flags: [{ kind: 'expires-soon', days: 3 }] }, text: 'Expires in 3 days' },
  { name: 'Forgotten', overrides: { lastUsedAt: null, flags: [{ kind: 'never-used' }] }, text: 'Never used' },
  { name: 'Dormant', overrides: { lastUsedAt: ago(120), flags: [{ kind: 'unused-90-days' }] }, text: 'Unused for 90 days' },
  {
    name: 'Too broad',
    overrides: { flags: [{ kind: 'unused-permissions', capabilities: ['data-record:write'], impersonation: false }], usageFetchedAt: ago(0.01) },
    text: 'Unused permissions',
  },
];

describe('Needs attention: flags on rows', () => {
  for (const { name, overrides, text } of FLAGGED) {
    it(`shows "${text}" on the row`, async () => {
      const { user } = renderApp({ keys: [makeKey({ name, ...overrides }), makeKey({ name: 'Fine' })] });
      await user.selectOptions(await screen.findByRole('combobox', { name: 'Status' }, { timeout: 5000 }), 'All keys');
      await within(await screen.findByRole('table', { name: 'API keys' })).findByRole('button', { name });
      if (text === 'Expired') {
        // The status badge says it (with its explanation); a flag badge would repeat it.
        expect(within(rowOf(name)).getByTitle('This key has expired and no longer works.')).toHaveTextContent('Expired');
        expect(within(rowOf(name)).queryByTitle(/Needs attention/)).not.toBeInTheDocument();
      } else if (text === 'Expires in 3 days') {
        // The end-of-life text says it, more precisely than the flag, in the warning colour.
        expect(within(rowOf(name)).getByTitle(/^Expires in (2|3) days$/)).toHaveClass('rk-end-soon');
        expect(within(rowOf(name)).queryByTitle(/Needs attention/)).not.toBeInTheDocument();
      } else {
        expect(within(rowOf(name)).getByTitle(`Needs attention: ${text}`)).toHaveTextContent(`Needs attention: ${text}${text}`);
      }
      expect(within(rowOf('Fine')).queryByTitle(/Needs attention/)).not.toBeInTheDocument();
    });
  }

  it('shows the most urgent flag with "+N", and every flag in its title and accessible text', async () => {
    renderApp({
      keys: [
        makeKey({
          name: 'Busy',
          lastUsedAt: ago(100),
          flags: [{ kind: 'unused-90-days' }, { kind: 'unused-permissions', capabilities: ['data-record:write'], impersonation: false }],
        }),
      ],
    });
    await screen.findByRole('button', { name: 'Busy' }, { timeout: 5000 });
    const row = rowOf('Busy');
    expect(within(row).getByText('Unused permissions +1')).toBeVisible();
    expect(within(row).getByTitle('Needs attention: Unused permissions, Unused for 90 days')).toBeInTheDocument();
    expect(within(row).getByText('Unused permissions, Unused for 90 days')).toBeInTheDocument();
  });

  it('the Needs attention filter counts each flag and shows only the flagged keys', async () => {
    const { user } = renderApp({
      keys: [...FLAGGED.map(({ name, overrides }) => makeKey({ name, ...overrides })), makeKey({ name: 'Fine', usageFetchedAt: ago(0.01) })],
    });
    await screen.findByRole('button', { name: 'Fine' }, { timeout: 5000 });
    const select = screen.getByRole('combobox', { name: 'Needs attention' });
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Any key',
      'Any flag (5)',
      'Expired (1)',
      'Refused requests in 7 days (0)',
      'New address in 7 days (0)',
      'Expires within 14 days (1)',
      'Never used (1)',
      'Unused for 90 days (1)',
      'Unused permissions (1)',
    ]);
    await user.selectOptions(select, 'Unused permissions (1)');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Fine' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Too broad' })).toBeInTheDocument();
    await user.selectOptions(select, 'Any flag (5)');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Forgotten' })).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Fine' })).not.toBeInTheDocument();
  });

  it('says how fresh the flags are: the list sync, the oldest usage, and keys with no usage yet', async () => {
    renderApp({ syncedAt: ago(1 / 24), keys: [makeKey({ name: 'A', usageFetchedAt: ago(2 / 24) }), makeKey({ name: 'B' })] });
    await screen.findByRole('button', { name: 'A' }, { timeout: 5000 });
    expect(screen.getByTestId('flags-freshness')).toHaveTextContent(
      'Flags as of an hour ago · usage fetched 2 hours ago · activity fetched an hour ago · no usage data for 1 key',
    );
  });
});

describe('the details drawer: usage and "Create a narrower replacement"', () => {
  const key = () =>
    makeKey({
      name: 'Importer',
      capabilities: ['data-record:read', 'data-record:write'],
      canImpersonate: true,
      usageFetchedAt: ago(0.01),
      flags: [{ kind: 'unused-permissions', capabilities: ['data-record:write'], impersonation: true }],
    });
  const usage = (current = true, impersonated: string | null = null): KeyUsageView => ({
    capabilities: [
      { capability: 'data-record:read', lastUsedAt: ago(2) },
      { capability: 'data-record:write', lastUsedAt: null },
    ],
    impersonation: { lastUsedAt: impersonated },
    fetchedAt: ago(0.01),
    current,
  });

  it("shows each permission's last use and impersonation's, then starts a rotation prefilled with only what was used", async () => {
    const k = key();
    const { fake, user } = renderApp({ keys: [k] });
    fake.usage.set(k.id, usage());
    await user.click(await screen.findByRole('button', { name: 'Importer' }, { timeout: 5000 }));
    const drawer = await screen.findByRole('dialog', { name: 'Importer' }, { timeout: 5000 });
    await within(drawer).findByText(/Usage as of/);
    expect(
      within(drawer)
        .getAllByText(/^Last used:/)
        .map((el) => el.textContent),
    ).toEqual(['Last used: 2 days ago', 'Last used: Never used']);
    expect(within(drawer).getByText(/Last acted as a person:/)).toHaveTextContent('Last acted as a person: Never used');
    expect(within(drawer).getByText('Needs attention').nextElementSibling).toHaveTextContent('Unused permissions: Write records, Can impersonate users');

    await user.click(within(drawer).getByRole('button', { name: 'Create a narrower replacement' }));
    const form = await screen.findByRole('dialog', { name: 'Narrower replacement for “Importer”' });
    expect(within(form).getByText('Only the permissions this key has used are ticked. You can still change them.')).toBeInTheDocument();
    expect(within(form).getByRole('checkbox', { name: 'Read records' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Write records' })).not.toBeChecked();
    expect(within(form).getByRole('switch', { name: 'Can impersonate users' })).not.toBeChecked();
    // The admin can still change it.
    await user.click(within(form).getByRole('checkbox', { name: 'Write records' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Write records' }));
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(fake.callsTo('keys:rotate')).toEqual([expect.objectContaining({ oldKeyId: k.id, capabilities: ['data-record:read'], canImpersonate: false })]);
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('dialog', { name: 'Switch your integration over, then retire the old key' })).toBeInTheDocument();
  });

  const disabledCases: { title: string; usage: KeyUsageView | null; reason: RegExp }[] = [
    { title: 'no usage data', usage: null, reason: /No usage data for this key yet/ },
    { title: 'usage from before a later use', usage: usage(false), reason: /used since its usage was fetched/ },
    {
      title: 'every permission used',
      usage: {
        ...usage(true, ago(1)),
        capabilities: [
          { capability: 'data-record:read', lastUsedAt: ago(1) },
          { capability: 'data-record:write', lastUsedAt: ago(1) },
        ],
      },
      reason: /Nothing to narrow/,
    },
    {
      title: 'nothing used at all',
      usage: { ...usage(), capabilities: usage().capabilities.map((c) => ({ ...c, lastUsedAt: null })) },
      reason: /not used any of its permissions/,
    },
  ];
  for (const { title, usage: u, reason } of disabledCases) {
    it(`is disabled with its reason when there is ${title}`, async () => {
      const k = key();
      const { fake, user } = renderApp({ keys: [k] });
      if (u) fake.usage.set(k.id, u);
      await user.click(await screen.findByRole('button', { name: 'Importer' }, { timeout: 5000 }));
      const drawer = await screen.findByRole('dialog', { name: 'Importer' }, { timeout: 5000 });
      const button = await within(drawer).findByRole('button', { name: 'Create a narrower replacement' });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(reason);
    });
  }
});
