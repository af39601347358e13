/** Keyboard only: create → copy → done → revoke, with no pointer events at all. */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

async function tabTo(user: ReturnType<typeof renderApp>['user'], element: HTMLElement, limit = 80) {
  for (let i = 0; i < limit && document.activeElement !== element; i++) await user.tab();
  expect(document.activeElement).toBe(element);
}

describe('keyboard only', () => {
  it('creates a key, copies it, finishes, and revokes it', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Existing' })] });
    await screen.findByRole('table', { name: 'API keys' });

    // Ctrl+N opens the dialog, focus lands in Name.
    await user.keyboard('{Control>}n{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    const name = within(dialog).getByRole('textbox', { name: /Name/ });
    await waitFor(() => expect(name).toHaveFocus());
    await user.keyboard('Keyboard key');

    // Tab to a permission and tick it with Space.
    await tabTo(user, within(dialog).getByRole('checkbox', { name: 'Read records' }));
    await user.keyboard(' ');
    expect(within(dialog).getByRole('checkbox', { name: 'Read records' })).toBeChecked();

    await tabTo(user, within(dialog).getByRole('button', { name: 'Create key' }));
    await user.keyboard('{Enter}');

    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    await tabTo(user, within(copy).getByRole('button', { name: 'Copy' }));
    await user.keyboard('{Enter}');
    expect(await within(copy).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await tabTo(user, within(copy).getByRole('button', { name: 'Done' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('copy-screen:done')).toHaveLength(1);

    // Back on the page: Tab to the new key's Revoke button, confirm with the keyboard.
    const revoke = await screen.findByRole('button', { name: 'Revoke Keyboard key' });
    await tabTo(user, revoke);
    await user.keyboard('{Enter}');
    const confirm = await screen.findByRole('dialog', { name: 'Revoke this API key?' });
    await tabTo(user, within(confirm).getByRole('button', { name: 'Revoke key' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('keys:revoke')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke Keyboard key' })).not.toBeInTheDocument());
  });

  it('Ctrl+F focuses the search field', async () => {
    const { user } = renderApp({ keys: [makeKey()] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.keyboard('{Control>}f{/Control}');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
  });

  it('Ctrl+F and Ctrl+N work again once the key whose details were open leaves the list (a queued key got its server id)', async () => {
    const queued = makeKey({
      name: 'Queued key',
      pending: { outboxId: 'o1', action: 'create', state: 'queued', error: null, queuedAt: new Date().toISOString(), mayBeApplied: false },
    });
    const { fake, user } = renderApp({ keys: [queued] });
    await user.click(await screen.findByRole('button', { name: 'Queued key' }));
    expect(await screen.findByRole('dialog', { name: 'Queued key' })).toBeInTheDocument();

    // Main sent the create: the same key now has the server's id.
    fake.keys = [{ ...queued, id: '00000000-0000-4000-8000-0000000a11a5', pending: null }];
    act(() => fake.emit('keys:changed', { reason: 'synced' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.keyboard('{Control>}f{/Control}');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Create API key' })).toBeInTheDocument();
  });

  it('advertises shortcuts with aria-keyshortcuts', async () => {
    renderApp({ keys: [makeKey()] });
    await screen.findByRole('table', { name: 'API keys' });
    expect(screen.getByRole('button', { name: 'Create API key' })).toHaveAttribute('aria-keyshortcuts', 'Control+N');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveAttribute('aria-keyshortcuts', 'Control+F');
  });
});
