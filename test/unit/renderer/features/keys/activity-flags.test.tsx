/**
 * The activity flags (Refused requests, New address) on rows, in the Needs attention filter and the
 * drawer, their freshness; and the "Used from" incident filter: the field's message as it is typed, the
 * server's answer as the list, "Select all" and bulk revoke on it, and offline a sentence, never an empty list.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { byUrgency } from '../../../../../src/renderer/src/features/keys/table/key-flags';
import { makeKey } from '../../../../helpers/fake-bridge';
import { renderApp } from '../../render-app';

const rowOf = (name: string) => screen.getByRole('button', { name }).closest('[role="row"]') as HTMLElement;

async function typeUsedFrom(user: ReturnType<typeof renderApp>['user'], text: string) {
  if (!screen.queryByRole('dialog', { name: /^Filters/ })) await user.click(screen.getByRole('button', { name: /^Filters/ }));
  const field = within(await screen.findByRole('dialog', { name: /^Filters/ })).getByRole('textbox', { name: 'Used from' });
  await user.clear(field);
  if (text) await user.type(field, text);
  return field;
}

describe('activity flags', () => {
  it('a refusal and a new address come before expiry and unused-permission advice', () => {
    const order = byUrgency([
      { kind: 'unused-permissions', capabilities: [], impersonation: true },
      { kind: 'expires-soon', days: 3 },
      { kind: 'new-address', count: 1 },
      { kind: 'refused-requests', count: 2 },
    ]).map((flag) => flag.kind);
    expect(order).toEqual(['refused-requests', 'new-address', 'expires-soon', 'unused-permissions']);
  });

  it('shows both on the row (most urgent first, warning colour), in the filter with counts, and in the drawer', async () => {
    const { user } = renderApp({
      keys: [
        makeKey({
          name: 'Leaky',
          flags: [
            { kind: 'new-address', count: 1 },
            { kind: 'refused-requests', count: 3 },
          ],
        }),
        makeKey({ name: 'Fine' }),
      ],
    });
    await screen.findByRole('table', { name: 'API keys' });
    const badge = within(rowOf('Leaky')).getByTitle('Needs attention: Refused requests, New address');
    expect(badge).toHaveTextContent('Refused requests +1');
    expect(badge).toHaveClass('rk-badge-orange');
    const attention = screen.getByRole('combobox', { name: 'Needs attention' });
    expect(within(attention).getByRole('option', { name: 'Refused requests in 7 days (1)' })).toBeInTheDocument();
    expect(within(attention).getByRole('option', { name: 'New address in 7 days (1)' })).toBeInTheDocument();
    await user.selectOptions(attention, 'New address in 7 days (1)');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Fine' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Leaky' }));
    const drawer = await screen.findByRole('dialog', { name: /Leaky/ });
    expect(within(drawer).getByText('Refused requests: 3 in 7 days; New address: 1 address first seen in 7 days')).toBeInTheDocument();
  });

  it('the freshness line says when the activity was fetched, or that there is none yet', async () => {
    const { fake } = renderApp({ keys: [makeKey({ name: 'Alpha' })], syncedAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    expect(await screen.findByTestId('flags-freshness')).toHaveTextContent(/activity fetched 5 minutes ago/);
    fake.activityFetchedAt = null;
    fake.emit('keys:changed', { reason: 'refreshed' });
    await waitFor(() => expect(screen.getByTestId('flags-freshness')).toHaveTextContent(/no activity data yet/));
  });
});

describe('the "Used from" filter', () => {
  it('says what it expects as an address is typed, and filters only once it is one', async () => {
    const { user, fake } = renderApp({ keys: [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' })] });
    await screen.findByRole('table', { name: 'API keys' });
    const field = await typeUsedFrom(user, '203.0.113');
    expect(field).toHaveAccessibleDescription(/Enter an IPv4 or IPv6 address, such as 203\.0\.113\.7 or 2001:db8::1/);
    expect(fake.callsTo('keys:used-from')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Bravo' })).toBeInTheDocument();
    await user.type(field, '.7');
    expect(field).not.toHaveAccessibleDescription(/Enter an IPv4/);
    await waitFor(() => expect(fake.callsTo('keys:used-from')).toEqual([{ address: '203.0.113.7' }]));
  });

  it('lists the keys the server names, and Select all → bulk revoke works on exactly them', async () => {
    const keys = [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' }), makeKey({ name: 'Charlie' })];
    const { user, fake } = renderApp({ keys });
    fake.usedFrom.set('2001:db8::1', [keys[0]!.id, keys[2]!.id]);
    await screen.findByRole('table', { name: 'API keys' });
    // Written long-hand: the filter holds the address as the server compares it.
    await typeUsedFrom(user, '2001:DB8:0:0:0:0:0:1');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Bravo' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Alpha' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Charlie' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove filter Used from 2001:db8::1' })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select all 2 matching keys' }));
    await user.click(screen.getByRole('button', { name: 'Revoke 2 keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 2 API keys?' });
    await user.type(within(dialog).getByLabelText('Type 2 to confirm'), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 2 keys' }));
    await waitFor(() => expect(fake.callsTo('keys:bulk-revoke')).toHaveLength(1));
    expect(new Set((fake.callsTo('keys:bulk-revoke')[0] as { ids: string[] }).ids)).toEqual(new Set([keys[0]!.id, keys[2]!.id]));
  });

  it('an address no key used: the usual "no keys match", from the server’s answer', async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Alpha' })] });
    await screen.findByRole('table', { name: 'API keys' });
    await typeUsedFrom(user, '198.51.100.1');
    await user.keyboard('{Escape}');
    expect(await screen.findByText('No keys match your search and filters.')).toBeInTheDocument();
  });

  it('offline it says it needs the server — no list, no "no keys" — and finds the keys once back online', async () => {
    const keys = [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' })];
    const { user, fake } = renderApp({ keys, connection: 'offline' });
    fake.usedFrom.set('203.0.113.7', [keys[1]!.id]);
    await screen.findByRole('table', { name: 'API keys' });
    await typeUsedFrom(user, '203.0.113.7');
    await user.keyboard('{Escape}');
    const notice = await screen.findByTestId('used-from-notice');
    expect(notice).toHaveTextContent('Finding the keys used from 203.0.113.7 needs the server');
    expect(notice).toHaveTextContent('RakerOne Admin is offline');
    expect(screen.queryByRole('table', { name: 'API keys' })).not.toBeInTheDocument();
    expect(screen.queryByText('No keys match your search and filters.')).not.toBeInTheDocument();
    fake.setStatus('online');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bravo' })).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Alpha' })).not.toBeInTheDocument();
  });

  it('"Remove the Used from filter" brings the list back', async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Alpha' })], connection: 'offline' });
    await screen.findByRole('table', { name: 'API keys' });
    await typeUsedFrom(user, '203.0.113.7');
    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Remove the Used from filter' }));
    expect(await screen.findByRole('button', { name: 'Alpha' })).toBeInTheDocument();
  });
});
