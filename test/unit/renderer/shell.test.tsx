import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render-app';

describe('the app shell', () => {
  it('shows the sidebar with the organization and the Admin pages, and marks the page ready', async () => {
    renderApp({ keys: [] });
    expect(await screen.findByRole('heading', { name: 'API keys', level: 1 })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Admin' });
    expect(within(nav).getByRole('link', { name: 'API keys' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Roles' })).toHaveAttribute('href', '#/admin/roles');
    expect(screen.getByRole('button', { name: /Organization: Acme Operations/ })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });
});
