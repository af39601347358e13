import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

describe('first run: the connect screen', () => {
  it('is shown when there is no profile, and marks the page ready', async () => {
    renderApp({ connection: 'disconnected' });
    expect(await screen.findByRole('region', { name: 'Connect to RakerOne' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Server URL/ })).toBeInTheDocument();
    expect(screen.getByLabelText(/Admin token/)).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'Use a local server' })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });

  it('checks the fields before calling main', async () => {
    const { fake, user } = renderApp({ connection: 'disconnected' });
    await user.type(await screen.findByRole('textbox', { name: /Server URL/ }), 'http://rakerone.example.com');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByRole('textbox', { name: /Server URL/ })).toHaveAccessibleDescription(/Use https:\/\//);
    expect(screen.getByLabelText(/Admin token/)).toHaveAccessibleDescription(/Admin token is required/);
    expect(fake.callsTo('connection:connect')).toHaveLength(0);
  });

  it('connects with the URL and token, clears the token, and opens the keys page', async () => {
    const { fake, user } = renderApp({ connection: 'disconnected', keys: [makeKey()] });
    await user.type(await screen.findByRole('textbox', { name: /Server URL/ }), 'https://rakerone.acme.test/');
    const token = screen.getByLabelText(/Admin token/);
    await user.type(token, 'rkr_adm_secret');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(fake.callsTo('connection:connect')).toEqual([{ serverUrl: 'https://rakerone.acme.test', adminToken: 'rkr_adm_secret' }]);
    expect(await screen.findByRole('heading', { name: 'API keys', level: 1 })).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('rkr_adm_secret');
  });

  it('puts a rejected token on the token field and empties it', async () => {
    const { user } = renderApp({ connection: 'disconnected' });
    await user.type(await screen.findByRole('textbox', { name: /Server URL/ }), 'https://rakerone.acme.test');
    await user.type(screen.getByLabelText(/Admin token/), 'rejected-token');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    const token = screen.getByLabelText(/Admin token/);
    await waitFor(() => expect(token).toHaveAccessibleDescription(/did not accept this admin token/));
    expect(token).toHaveValue('');
  });

  it('says when the server cannot be reached (NETWORK) on the URL field', async () => {
    const { fake, user } = renderApp({ connection: 'disconnected' });
    fake.failNext('connection:connect', { code: 'NETWORK', message: 'connect ECONNREFUSED' });
    await user.type(await screen.findByRole('textbox', { name: /Server URL/ }), 'https://rakerone.acme.test');
    await user.type(screen.getByLabelText(/Admin token/), 'token');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Server URL/ })).toHaveAccessibleDescription(/Can't reach this server/));
  });

  it('shows a keychain failure with its hint', async () => {
    const { fake, user } = renderApp({ connection: 'disconnected' });
    fake.failNext('connection:connect', {
      code: 'KEYCHAIN',
      message: 'The keychain is locked.',
      details: { hint: 'Unlock your login keyring and try again.' },
    });
    await user.type(await screen.findByRole('textbox', { name: /Server URL/ }), 'https://rakerone.acme.test');
    await user.type(screen.getByLabelText(/Admin token/), 'token');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Unlock your login keyring and try again.');
  });

  it('starts a local server', async () => {
    const { fake, user } = renderApp({ connection: 'disconnected', keys: [] });
    await user.click(await screen.findByRole('button', { name: 'Use a local server' }));
    expect(fake.callsTo('connection:start-local')).toHaveLength(1);
    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Acme Operations/ })).toHaveTextContent('Local server');
  });

  it('asks to sign in again when the stored token is rejected (unauthorized)', async () => {
    renderApp({ connection: 'unauthorized' });
    expect(await screen.findByText('Sign in again')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Server URL/ })).toHaveValue('https://rakerone.acme.test');
  });

  it('says why when main refused a stored profile or token that was edited outside the app', async () => {
    const message =
      'No admin token is saved for https://evil.example. If this server address was changed outside RakerOne Admin, the token saved for this profile was not sent there. Sign in again.';
    renderApp({ connection: 'unauthorized', connectionError: { code: 'VALIDATION', message } });
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/no longer accepts your admin token/)).toBeNull();
  });

  it('goes to the sign-in screen when any call answers UNAUTHORIZED', async () => {
    const { fake } = renderApp({ keys: [makeKey()] });
    fake.failNext('keys:list', { code: 'UNAUTHORIZED', message: 'Token revoked.' });
    expect(await screen.findByRole('region', { name: 'Connect to RakerOne' })).toBeInTheDocument();
  });
});

describe('connection and sync state', () => {
  it('says online and when it last synced', async () => {
    renderApp({ keys: [makeKey()], syncedAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    expect(await screen.findByRole('status')).toHaveTextContent('Online, last synced 5 minutes ago.');
  });

  it('says offline with the last sync, and offers Sync now', async () => {
    const { fake, user } = renderApp({ connection: 'offline', keys: [makeKey()], syncedAt: new Date(Date.now() - 3 * 3_600_000).toISOString() });
    expect(await screen.findByRole('status')).toHaveTextContent('Offline, last synced 3 hours ago.');
    expect(await screen.findByText(/You're offline: this is the list as of the last sync/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(fake.callsTo('sync:now')).toHaveLength(1);
  });

  it('shows sync progress', async () => {
    renderApp({ keys: [makeKey()], syncing: { done: 2, total: 5 } });
    expect(await screen.findByRole('status')).toHaveTextContent('Syncing 2 of 5…');
    expect(screen.getByRole('progressbar', { name: 'Sync progress: 2 of 5' })).toHaveAttribute('aria-valuenow', '40');
  });

  it('says when the last sync failed on a server error, when it retries, and offers Sync now', async () => {
    const { fake, user } = renderApp({ keys: [makeKey()], syncedAt: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect(await screen.findByRole('status')).toHaveTextContent('Online, last synced 10 minutes ago.');
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();

    // Main: the drain stopped on a 500, a retry is scheduled, one change still waits.
    fake.sync = { ...fake.sync, status: 'error', pending: 1, nextRetryAt: new Date(Date.now() + 5 * 60_000).toISOString() };
    act(() => fake.emit('sync:changed', fake.sync));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Sync failed, last synced 10 minutes ago. 1 change waits to be sent. Retrying in 5 minutes.'),
    );
    expect(screen.getByRole('status')).not.toHaveTextContent('Online');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(fake.callsTo('sync:now')).toHaveLength(1);
  });

  it('follows main’s events: going offline is shown at once', async () => {
    const { fake } = renderApp({ keys: [makeKey()] });
    expect(await screen.findByRole('status')).toHaveTextContent('Online');
    act(() => fake.setStatus('offline'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Offline'));
  });

  it('lists failed queued actions with their reason until dismissed', async () => {
    const { fake, user } = renderApp({
      keys: [makeKey()],
      failed: [
        {
          outboxId: 'out-1',
          action: 'revoke',
          state: 'failed',
          error: { code: 'NOT_FOUND', message: 'That key no longer exists.' },
          queuedAt: '2026-11-20T10:00:00.000Z',
          mayBeApplied: false,
          keyId: 'k1',
          keyName: 'Billing export',
        },
      ],
    });
    const alert = (await screen.findByText(/Couldn't revoke “Billing export”: That key no longer exists./)).closest(
      '[role="alert"], .mantine-Alert-root',
    ) as HTMLElement;
    await user.click(within(alert).getByRole('button', { name: /Dismiss/ }));
    expect(fake.callsTo('outbox:dismiss')).toEqual([{ outboxId: 'out-1' }]);
    await waitFor(() => expect(screen.queryByText(/Couldn't revoke/)).not.toBeInTheDocument());
  });

  it('says plainly when the saved offline queue could not be read, where the file went, until dismissed', async () => {
    const keptAs = '/home/ada/.config/RakerOne Admin/state/profile-1.json.unreadable-1795000000000';
    const { fake, user } = renderApp({ keys: [makeKey()], unreadable: { keptAs, at: '2026-11-20T10:00:00.000Z' } });
    const alert = (await screen.findByText("Saved offline changes couldn't be read")).closest('.mantine-Alert-root') as HTMLElement;
    expect(alert).toHaveTextContent('Changes you made offline before then may not have reached RakerOne');
    expect(within(alert).getByText(keptAs)).toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(fake.callsTo('outbox:dismiss-unreadable')).toEqual([{}]);
    await waitFor(() => expect(screen.queryByText("Saved offline changes couldn't be read")).not.toBeInTheDocument());
  });
});
