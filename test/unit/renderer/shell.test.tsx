import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app';
import { createQueryClient } from '../../../src/renderer/src/lib/query-client';
import { Providers } from '../../../src/renderer/src/providers';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

const NO_ACCESS = "You don't have access to this page. Ask an admin if you need it.";

describe('the app shell', () => {
  it('shows the organization, the Admin pages in the sidebar, and marks the page ready', async () => {
    renderApp({ keys: [] });
    expect(await screen.findByRole('heading', { name: 'API keys', level: 1 })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Admin' });
    expect(within(nav).getByRole('link', { name: 'API keys' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Roles' })).toHaveAttribute('href', '#/admin/roles');
    expect(screen.getByRole('button', { name: /Acme Operations/ })).toHaveTextContent('https://rakerone.acme.test');
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });

  it('has one navigation landmark, Admin, inside the sidebar (no navigation nested in another)', async () => {
    renderApp({ keys: [] });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    expect(screen.getAllByRole('navigation')).toEqual([screen.getByRole('navigation', { name: 'Admin' })]);
    const sidebar = screen.getByRole('complementary', { name: 'Sidebar' });
    expect(within(sidebar).getByRole('navigation', { name: 'Admin' })).toBeInTheDocument();
    expect(within(sidebar).getByRole('button', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('shows the Roles page with every capability, its meaning and the roles that hold it', async () => {
    window.location.hash = '#/admin/roles';
    renderApp({ keys: [] });
    expect(await screen.findByRole('heading', { name: 'Roles and permissions', level: 1 })).toBeInTheDocument();
    for (const group of ['Playbooks and runs', 'Projects and templates', 'Records, record types, and views', 'Triggers']) {
      expect(screen.getByRole('heading', { name: group, level: 2 })).toBeInTheDocument();
    }
    const row = screen.getByRole('row', { name: /Archive playbooks/ });
    expect(row).toHaveTextContent('Retire a playbook.');
    // Only Admin holds "Archive playbooks".
    expect(within(row).getAllByText('Yes')).toHaveLength(1);
    expect(within(row).getAllByText('No')).toHaveLength(3);
    expect(within(screen.getByRole('navigation', { name: 'Admin' })).getByRole('link', { name: 'Roles' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });

  it('tells a person who is not an Admin that they have no access, and hides the Admin pages', async () => {
    const { fake } = renderApp({ role: 'manager', keys: [makeKey()] });
    expect(await screen.findByText(NO_ACCESS)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Admin' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'API keys' })).not.toBeInTheDocument();
    expect(fake.callsTo('keys:list')).toHaveLength(0);
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });

  it('shows no access when the server refuses the key list (FORBIDDEN)', async () => {
    const { fake } = renderApp({ keys: [makeKey()] });
    fake.failNext('keys:list', { code: 'FORBIDDEN', message: 'Admins only.' });
    expect(await screen.findByText(NO_ACCESS)).toBeInTheDocument();
  });

  it('says plainly when the bridge to the main process is missing', () => {
    render(
      <Providers client={createQueryClient()} env="test">
        <App />
      </Providers>,
    );
    expect(screen.getByRole('heading', { name: "RakerOne Admin can't reach its main process" })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('window.rakerone');
  });

  it('lists the keyboard shortcuts from the sidebar and with Shift+?', async () => {
    const { user } = renderApp({ keys: [] });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByRole('row', { name: /Create API key/ })).toHaveTextContent(/Ctrl.*N/);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.keyboard('{Shift>}?{/Shift}');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('goes to Roles and back with Ctrl+2 / Ctrl+1', async () => {
    const { user } = renderApp({ keys: [] });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    await user.keyboard('{Control>}2{/Control}');
    expect(await screen.findByRole('heading', { name: 'Roles and permissions' })).toBeInTheDocument();
    await user.keyboard('{Control>}1{/Control}');
    expect(await screen.findByRole('heading', { name: 'API keys', level: 1 })).toBeInTheDocument();
  });

  it('switches profile through profiles:switch (main then reloads the window)', async () => {
    const { fake, user } = renderApp({ keys: [], otherProfile: true });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    await user.click(screen.getByRole('button', { name: /Acme Operations/ }));
    await user.click(await screen.findByRole('menuitem', { name: /Globex/ }));
    await waitFor(() => expect(fake.callsTo('profiles:switch')).toEqual([{ profileId: 'profile-2' }]));
  });

  it('offers to connect another server from the profile menu', async () => {
    const { user } = renderApp({ keys: [] });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    await user.click(screen.getByRole('button', { name: /Acme Operations/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Connect to another server…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect to another server' });
    expect(within(dialog).getByLabelText(/Server URL/)).toBeInTheDocument();
  });
});
