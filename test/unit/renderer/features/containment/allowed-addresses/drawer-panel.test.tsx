/** The drawer's Allowed addresses section through the app: the list, the editor fed by keys:activity, saving online and offline. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { savedMessage } from '../../../../../../src/renderer/src/features/containment/allowed-addresses/allowed-addresses-hooks';
import { activityDays, activitySource } from '../../../../../helpers/fake-activity';
import { makeKey } from '../../../../../helpers/fake-bridge';
import { renderApp } from '../../../render-app';

async function openDrawer(connection: 'online' | 'offline' = 'online') {
  const key = makeKey({ name: 'Billing sync' });
  const context = renderApp({ keys: [key], connection });
  context.fake.activity.set(key.id, {
    activity: {
      days: activityDays(new Date()),
      sources: [activitySource({ address: '203.0.113.7' }), activitySource({ address: '2001:db8::5', userAgent: null })],
    },
    asOf: new Date().toISOString(),
    source: 'server',
  });
  await context.user.click(await screen.findByRole('button', { name: 'Billing sync' }));
  const drawer = screen.getByRole('dialog', { name: 'Billing sync' });
  return { ...context, key, drawer };
}

describe('Allowed addresses in the details drawer', () => {
  it('"From any address", then restricted to the addresses it was used from', async () => {
    const { user, drawer, fake, key } = await openDrawer();
    const section = within(drawer).getByRole('region', { name: 'Allowed addresses' });
    expect(within(section).getByText('From any address')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Edit allowed addresses' }));
    const fill = within(section).getByRole('button', { name: 'Allow only the addresses it was used from' });
    await waitFor(() => expect(fill).toBeEnabled());
    await user.click(fill);
    expect(within(section).getByRole('textbox', { name: /Allowed addresses/ })).toHaveValue('203.0.113.7/32\n2001:db8::5/128');
    await user.click(within(section).getByRole('button', { name: 'Save allowed addresses' }));
    expect(fake.callsTo('keys:set-allowed-addresses')).toEqual([{ id: key.id, allowedAddresses: ['203.0.113.7/32', '2001:db8::5/128'] }]);
    const list = await within(section).findByRole('list', { name: 'Allowed addresses' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['203.0.113.7/32', '2001:db8::5/128']);
    expect(await screen.findByText('“Billing sync” can be used only from 2 addresses or blocks.')).toBeInTheDocument();
  });

  it('offline: the change is queued and the row says Allowed addresses pending', async () => {
    const { user, drawer } = await openDrawer('offline');
    const section = within(drawer).getByRole('region', { name: 'Allowed addresses' });
    await user.click(within(section).getByRole('button', { name: 'Edit allowed addresses' }));
    await user.type(within(section).getByRole('textbox', { name: /Allowed addresses/ }), '203.0.113.0/24');
    await user.click(within(section).getByRole('button', { name: /^Save/ }));
    expect(await screen.findByText(/^Allowed addresses pending: “Billing sync” keeps the addresses it allowed before/)).toBeInTheDocument();
    expect(within(drawer).getAllByText('Allowed addresses pending').length).toBeGreaterThan(0);
  });

  it('a queued list stays "pending" while another queued action (a suspend) owns the row', async () => {
    const suspend = {
      outboxId: 'o-1',
      action: 'suspend' as const,
      state: 'queued' as const,
      error: null,
      queuedAt: new Date().toISOString(),
      mayBeApplied: false,
    };
    const key = makeKey({ name: 'Billing sync', pending: suspend, allowedAddresses: ['203.0.113.0/24'], allowedAddressesPending: true });
    const { user } = renderApp({ keys: [key], connection: 'offline' });
    await user.click(await screen.findByRole('button', { name: 'Billing sync' }));
    const section = within(screen.getByRole('dialog', { name: 'Billing sync' })).getByRole('region', { name: 'Allowed addresses' });
    expect(within(section).getByText(/This list reaches RakerOne once RakerOne Admin reconnects/)).toBeInTheDocument();
    expect(savedMessage(key, ['203.0.113.0/24'])).toBe(
      'Allowed addresses pending: “Billing sync” keeps the addresses it allowed before until RakerOne Admin reconnects.',
    );
    expect(savedMessage({ ...key, pending: null, allowedAddressesPending: false }, ['203.0.113.0/24'])).toBe(
      '“Billing sync” can be used only from 203.0.113.0/24.',
    );
  });
});
