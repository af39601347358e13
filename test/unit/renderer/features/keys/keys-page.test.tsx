import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { KEYS_REFRESH_MS } from '../../../../../src/renderer/src/features/keys/hooks';
import { makeKey } from '../../../../helpers/fake-bridge';
import { chooseMenuFilter, renderApp } from '../../render-app';

const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function table() {
  return screen.findByRole('table', { name: 'API keys' });
}

function rowOf(name: string): HTMLElement {
  const cell = screen.getByRole('button', { name });
  return cell.closest('[role="row"]') as HTMLElement;
}

describe('API keys page', () => {
  it('shows the empty state with a prompt to create a key', async () => {
    const { user } = renderApp({ keys: [] });
    expect(await screen.findByRole('heading', { name: 'No API keys yet' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create your first API key' }));
    expect(screen.getByRole('dialog', { name: 'Create API key' })).toBeInTheDocument();
  });

  it('lists keys with name, permission badges, last used and created, and a Revoke button', async () => {
    renderApp({
      keys: [
        makeKey({ name: 'Data import service', capabilities: ['data-record:write', 'data-record:read'], lastUsedAt: ago(2 * DAY), createdAt: ago(30 * DAY) }),
        makeKey({ name: 'Impersonator', capabilities: [], canImpersonate: true, lastUsedAt: null, createdAt: ago(3 * DAY) }),
        makeKey({ name: 'Busy key', capabilities: ['playbook:create', 'playbook-run:start', 'playbook:publish', 'trigger:manage'], createdAt: ago(1 * DAY) }),
      ],
    });
    const grid = await table();
    expect(grid).toHaveAttribute('aria-rowcount', '4');
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['', 'Name↕', 'Status', 'Permissions', 'Last used↕', 'Created▼', 'Actions']);

    const data = rowOf('Data import service');
    // Badges in catalog order, with catalog labels.
    expect(
      within(data)
        .getAllByText(/records$/)
        .map((b) => b.textContent),
    ).toEqual(['Read records', 'Write records']);
    expect(within(data).getByText('2 days ago')).toHaveAttribute('dateTime', expect.any(String));
    // Short relative times fit their column; the exact time is the title.
    expect(within(data).getByText('30 days ago')).toHaveAttribute('title', expect.stringMatching(/\d{4}/));
    expect(within(data).getByRole('button', { name: 'Revoke Data import service' })).toHaveTextContent('Revoke');

    const impersonator = rowOf('Impersonator');
    expect(within(impersonator).getByText('Can impersonate')).toBeInTheDocument();
    expect(within(impersonator).getByText('No permissions')).toBeInTheDocument();
    expect(within(impersonator).getByText('Never')).toBeInTheDocument();

    const busy = rowOf('Busy key');
    expect(within(busy).getByText('Create playbooks')).toBeInTheDocument();
    expect(within(busy).getByText(/\+2 more/)).toHaveTextContent('Publish playbooks, Manage triggers');
  });

  it('shows pending rows honestly', async () => {
    renderApp({
      connection: 'offline',
      keys: [
        makeKey({
          name: 'Queued key',
          pending: { outboxId: 'o1', action: 'create', state: 'queued', error: null, queuedAt: ago(60_000), mayBeApplied: false },
        }),
        makeKey({
          name: 'Leaving key',
          pending: { outboxId: 'o2', action: 'revoke', state: 'queued', error: null, queuedAt: ago(60_000), mayBeApplied: false },
        }),
        makeKey({
          name: 'Refused key',
          pending: {
            outboxId: 'o3',
            action: 'revoke',
            state: 'failed',
            error: { code: 'FORBIDDEN', message: 'Only admins may revoke keys.' },
            queuedAt: ago(60_000),
            mayBeApplied: false,
          },
        }),
      ],
    });
    await table();
    expect(within(rowOf('Queued key')).getByText('Not active yet')).toHaveTextContent('this key starts working once RakerOne Admin reconnects');
    const leaving = rowOf('Leaving key');
    expect(within(leaving).getByText('Revocation pending')).toHaveTextContent(
      'Revocation pending: the key stays as it is now until RakerOne Admin reconnects and the revocation reaches the server.',
    );
    expect(within(leaving).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
    expect(within(rowOf('Refused key')).getByText("Couldn't revoke")).toHaveTextContent('Reason: Only admins may revoke keys.');
  });

  it('never calls a key "not active" once its create was sent and the answer was lost', async () => {
    renderApp({
      connection: 'offline',
      keys: [
        makeKey({ name: 'Sent key', pending: { outboxId: 'o1', action: 'create', state: 'queued', error: null, queuedAt: ago(60_000), mayBeApplied: true } }),
        makeKey({
          name: 'Sent revoke',
          pending: { outboxId: 'o2', action: 'revoke', state: 'queued', error: null, queuedAt: ago(60_000), mayBeApplied: true },
        }),
      ],
    });
    await table();
    const sent = rowOf('Sent key');
    expect(within(sent).queryByText(/Not active yet/)).not.toBeInTheDocument();
    expect(within(sent).getByText('Not confirmed yet')).toHaveTextContent('RakerOne may already have this key, so it may work now.');
    // It may work, so it can be revoked (queued behind its create).
    expect(within(sent).getByRole('button', { name: 'Revoke Sent key' })).toBeInTheDocument();
    expect(within(rowOf('Sent revoke')).getByText('Revocation pending')).toHaveTextContent('count on it staying as it is now until RakerOne Admin reconnects');
  });

  it('hides revoked keys by default and shows them with the Status filter', async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Live' }), makeKey({ name: 'Gone', status: 'revoked', revokedAt: ago(DAY) })] });
    await table();
    expect(screen.queryByRole('button', { name: 'Gone' })).not.toBeInTheDocument();
    // No filter was set: the count does not say "Showing 1 of 2" just because a revoked key is hidden.
    expect(screen.getByTestId('keys-count')).toHaveTextContent(/^1 key \(1 revoked not shown\)$/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Revoked');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Gone' })).toBeInTheDocument());
    expect(within(rowOf('Gone')).getByText('Revoked')).toBeInTheDocument();
    expect(within(rowOf('Gone')).queryByRole('button', { name: /^Revoke/ })).not.toBeInTheDocument();
  });

  it('says so when every key is revoked, and "Show revoked keys" sets the Status filter to Revoked', async () => {
    const { user } = renderApp({
      keys: [
        makeKey({ name: 'Old import', status: 'revoked', revokedAt: ago(DAY) }),
        makeKey({ name: 'Old export', status: 'revoked', revokedAt: ago(2 * DAY) }),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'No active API keys' })).toBeInTheDocument();
    expect(screen.getByText(/All 2 keys in your organization are revoked/)).toBeInTheDocument();
    expect(screen.queryByText('No keys match your search and filters.')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    expect(screen.getByTestId('keys-count')).toHaveTextContent('0 keys (2 revoked not shown)');

    await user.click(screen.getByRole('button', { name: 'Show revoked keys' }));
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('revoked');
    expect(await screen.findByRole('button', { name: 'Old import' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Old export' })).toBeInTheDocument();
    expect(screen.getByTestId('keys-count')).toHaveTextContent(/^2 keys$/);
  });

  it('searches by name and filters by capability, impersonation and usage', async () => {
    const { user } = renderApp({
      keys: [
        makeKey({ name: 'Billing export', capabilities: ['data-record:read'], lastUsedAt: ago(DAY) }),
        makeKey({ name: 'Billing import', capabilities: ['data-record:write'], canImpersonate: true, lastUsedAt: ago(200 * DAY), createdAt: ago(300 * DAY) }),
        makeKey({ name: 'Webhook', capabilities: ['trigger:manage'], lastUsedAt: null, createdAt: ago(DAY) }),
      ],
    });
    const grid = await table();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'BILLING');
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', '3'));
    expect(screen.getByText('Showing 2 of 3 keys')).toBeInTheDocument();

    await chooseMenuFilter(user, 'Permission', 'Write records');
    // The menu's filter shows as a chip on the filter line.
    expect(screen.getByRole('button', { name: 'Remove filter Permission: Write records' })).toBeInTheDocument();
    await waitFor(() => expect(grid).toHaveAttribute('aria-rowcount', '2'));
    expect(screen.getByRole('button', { name: 'Billing import' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await chooseMenuFilter(user, 'Impersonation', 'Can impersonate');
    await waitFor(() => expect(screen.getByTestId('keys-count')).toHaveTextContent('Showing 1 of 3 keys'));

    await chooseMenuFilter(user, 'Impersonation', 'Any');
    await chooseMenuFilter(user, 'Last used', 'Never used');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Webhook' })).toBeInTheDocument());
    expect(screen.getByTestId('keys-count')).toHaveTextContent('Showing 1 of 3 keys');

    await chooseMenuFilter(user, 'Last used', 'Not used in 90 days');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Billing import' })).toBeInTheDocument());
    expect(screen.getByTestId('keys-count')).toHaveTextContent('Showing 1 of 3 keys');

    await user.keyboard('{Escape}');
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nothing like this');
    expect(await screen.findByText('No keys match your search and filters.')).toBeInTheDocument();
  });

  it('sorts by a column and says so with aria-sort', async () => {
    const { user } = renderApp({
      keys: [
        makeKey({ name: 'bravo', createdAt: ago(1 * DAY) }),
        makeKey({ name: 'Alpha', createdAt: ago(3 * DAY) }),
        makeKey({ name: 'charlie', createdAt: ago(2 * DAY) }),
      ],
    });
    const grid = await table();
    const names = () =>
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.querySelector('.rk-name-button')?.textContent);
    expect(names()).toEqual(['bravo', 'charlie', 'Alpha']);
    await user.click(screen.getByRole('button', { name: /^Name/ }));
    expect(names()).toEqual(['Alpha', 'bravo', 'charlie']);
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'none');
    await user.click(screen.getByRole('button', { name: /^Name/ }));
    expect(names()).toEqual(['charlie', 'bravo', 'Alpha']);
  });

  it('virtualizes: 10,000 keys draw only a window of rows but announce the full count', async () => {
    renderApp({ keys: 10_000 });
    const grid = await table();
    expect(grid).toHaveAttribute('aria-rowcount', '10001');
    const rows = within(grid).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[1]).toHaveAttribute('aria-rowindex', '2');
  });

  it('opens row details with every capability and its meaning, activity and actions', async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Records intake', capabilities: ['data-record:read', 'playbook-run:start'], canImpersonate: true })] });
    await table();
    await user.click(screen.getByRole('button', { name: 'Records intake' }));
    const drawer = await screen.findByRole('dialog', { name: 'Records intake' });
    expect(within(drawer).getByText('Start playbook runs')).toBeInTheDocument();
    expect(within(drawer).getByText(/Start a run of a playbook in a project\./)).toBeInTheDocument();
    expect(within(drawer).getByText(/See records \(in accessible projects\)\./)).toBeInTheDocument();
    expect(within(drawer).getByRole('row', { name: /Created by/ })).toHaveTextContent('Ada Admin');
    expect(within(drawer).getByRole('row', { name: /Hint/ })).toHaveTextContent(/rkr_key_…/);
    expect(within(drawer).getByRole('row', { name: /Can impersonate users/ })).toHaveTextContent('Yes');
    expect(await within(drawer).findByText(/Created the key/)).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Rotate key' })).toBeInTheDocument();
  });

  it('offers "Rotate key" only for keys worth rotating: not create-failed, not revocation-pending', async () => {
    const pending = (action: 'create' | 'revoke', state: 'queued' | 'failed') => ({
      outboxId: `o-${action}`,
      action,
      state,
      error: null,
      queuedAt: ago(60_000),
      mayBeApplied: false,
    });
    const { user } = renderApp({
      connection: 'offline',
      keys: [makeKey({ name: 'Refused key', pending: pending('create', 'failed') }), makeKey({ name: 'Leaving key', pending: pending('revoke', 'queued') })],
    });
    await table();
    for (const name of ['Refused key', 'Leaving key']) {
      await user.click(screen.getByRole('button', { name }));
      const drawer = await screen.findByRole('dialog', { name });
      expect(within(drawer).queryByRole('button', { name: 'Rotate key' })).not.toBeInTheDocument();
      await user.click(within(drawer).getByRole('button', { name: 'Close details' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    }
  });

  it('says the audit events are unavailable offline', async () => {
    const { user } = renderApp({ connection: 'offline', keys: [makeKey({ name: 'Records intake' })] });
    await table();
    await user.click(screen.getByRole('button', { name: 'Records intake' }));
    expect(await screen.findByText("Audit events aren't available while RakerOne Admin is offline.")).toBeInTheDocument();
  });

  it('refreshes when main says the keys changed', async () => {
    const { fake } = renderApp({ keys: [makeKey({ name: 'First' })] });
    await table();
    fake.keys = [...fake.keys, makeKey({ name: 'Second' })];
    fake.emit('keys:changed', { reason: 'synced' });
    expect(await screen.findByRole('button', { name: 'Second' })).toBeInTheDocument();
  });
});

describe('API keys page: errors by code', () => {
  it('NETWORK while loading: offline wording and a retry', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Back again' })] });
    fake.failNext('keys:list', { code: 'NETWORK', message: 'ECONNREFUSED' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Can't reach the server");
    expect(alert).toHaveTextContent('RakerOne Admin is offline');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Back again' })).toBeInTheDocument();
  });

  it('INTERNAL while loading: the message', async () => {
    const { fake } = renderApp({ keys: [] });
    fake.failNext('keys:list', { code: 'INTERNAL', message: 'The cache file is damaged.' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The cache file is damaged.');
  });

  it('RATE_LIMITED on revoke: a notification with when to retry', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Data import service' })] });
    await table();
    fake.failNext('keys:revoke', { code: 'RATE_LIMITED', message: 'Slow down.', details: { retryAfterSeconds: 30 } });
    await user.click(screen.getByRole('button', { name: 'Revoke Data import service' }));
    await user.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText('Slow down. Try again in 30 seconds.')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Revoke this API key?' })).toBeInTheDocument();
  });

  it('FORBIDDEN on revoke: a notification naming the refusal', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Data import service' })] });
    await table();
    fake.failNext('keys:revoke', { code: 'FORBIDDEN', message: 'Only admins can revoke keys.' });
    await user.click(screen.getByRole('button', { name: 'Revoke Data import service' }));
    await user.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText("You don't have permission to do this")).toBeInTheDocument();
    expect(screen.getByText('Only admins can revoke keys.')).toBeInTheDocument();
  });
});

describe('API keys page refresh', () => {
  it('the open details drawer follows the list: a key revoked elsewhere shows as Revoked, without Revoke or Rotate', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { fake, user } = renderApp({ keys: [makeKey({ name: 'Data import service' })] });
      await table();
      await user.click(screen.getByRole('button', { name: 'Data import service' }));
      const drawer = await screen.findByRole('dialog', { name: 'Data import service' });
      expect(await within(drawer).findByText(/Created the key/)).toBeInTheDocument();
      expect(within(drawer).getByRole('row', { name: /Status/ })).toHaveTextContent('Active');

      // Another admin revoked it; only the list's periodic refresh tells us (it does not refresh details).
      fake.keys = [{ ...fake.keys[0]!, status: 'revoked', revokedAt: new Date().toISOString() }];
      await vi.advanceTimersByTimeAsync(KEYS_REFRESH_MS);

      await waitFor(() => expect(within(drawer).getByRole('row', { name: /Status/ })).toHaveTextContent('Revoked'));
      expect(within(drawer).queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
      expect(within(drawer).queryByRole('button', { name: 'Rotate key' })).not.toBeInTheDocument();
      // The audit events still come from keys:details.
      expect(within(drawer).getByText(/Created the key/)).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks main for the list again on its own, so "Last used" moves without a click', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { fake } = renderApp({ keys: [makeKey({ name: 'Data import service', lastUsedAt: null })] });
      await table();
      expect(within(rowOf('Data import service')).getByText('Never')).toBeInTheDocument();
      const before = fake.callsTo('keys:list').length;
      // A new array, as from IPC (the fake would otherwise hand back the very object already cached).
      fake.keys = [{ ...fake.keys[0]!, lastUsedAt: new Date().toISOString() }];
      await vi.advanceTimersByTimeAsync(KEYS_REFRESH_MS);
      await waitFor(() => expect(within(rowOf('Data import service')).queryByText('Never')).not.toBeInTheDocument());
      expect(fake.callsTo('keys:list').length).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
