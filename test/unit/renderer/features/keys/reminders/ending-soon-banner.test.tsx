import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../../../../../helpers/fake-bridge';
import { renderApp } from '../../../render-app';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the reminder banner on the keys page', () => {
  it('counts and lists the keys that expire or retire within 7 days, soonest first; each opens its details', async () => {
    const { user } = renderApp({
      keys: [
        makeKey({ name: 'Billing export', expiresAt: fromNow(3 * DAY + HOUR) }),
        makeKey({ name: 'Old webhook', scheduledRevocation: { at: fromNow(5 * HOUR + 30 * 60_000) } }),
        makeKey({ name: 'Far away', expiresAt: fromNow(10 * DAY) }),
        makeKey({ name: 'Already revoked', status: 'revoked', revokedAt: fromNow(-DAY), expiresAt: fromNow(2 * DAY) }),
        makeKey({ name: 'Never ends' }),
      ],
    });
    const banner = await screen.findByRole('region', { name: '2 keys end within 7 days' });
    const items = within(banner).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['Old webhook — Retires in 5 hours', 'Billing export — Expires in 3 days']);

    await user.click(within(banner).getByRole('button', { name: 'Billing export' }));
    const drawer = await screen.findByRole('dialog', { name: 'Billing export' });
    expect(drawer).toBeInTheDocument();
  });

  it('one key: said in the singular', async () => {
    renderApp({ keys: [makeKey({ name: 'Billing export', expiresAt: fromNow(2 * DAY) }), makeKey({ name: 'Far away', expiresAt: fromNow(30 * DAY) })] });
    expect(await screen.findByRole('region', { name: '1 key ends within 7 days' })).toBeInTheDocument();
  });

  it('is absent when nothing ends within 7 days', async () => {
    renderApp({ keys: [makeKey({ name: 'Far away', expiresAt: fromNow(30 * DAY) }), makeKey({ name: 'Gone', status: 'expired', expiresAt: fromNow(-HOUR) })] });
    await screen.findByRole('table', { name: 'API keys' });
    expect(screen.queryByRole('region', { name: /within 7 days/ })).not.toBeInTheDocument();
  });

  it('a long list shows five, and the rest behind "Show all"', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => makeKey({ name: `Key ${i + 1}`, expiresAt: fromNow((i + 1) * 20 * HOUR) }));
    const { user } = renderApp({ keys });
    const banner = await screen.findByRole('region', { name: '7 keys end within 7 days' });
    expect(within(banner).getAllByRole('listitem')).toHaveLength(5);
    await user.click(within(banner).getByRole('button', { name: 'Show all 7' }));
    expect(within(banner).getAllByRole('listitem')).toHaveLength(7);
  });

  it("a clicked reminder notification (main's key:open) shows the keys page with that key's details, from any page", async () => {
    const key = makeKey({ name: 'Billing export', expiresAt: fromNow(3 * DAY) });
    window.location.hash = '#/admin/roles';
    const { fake } = renderApp({ keys: [makeKey({ name: 'Other' }), key] });
    await screen.findByRole('heading', { name: 'Roles and permissions', level: 1 });
    fake.emit('key:open', { keyId: key.id });
    expect(await screen.findByRole('dialog', { name: 'Billing export' })).toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe('#/admin/api-keys'));
  });
});
