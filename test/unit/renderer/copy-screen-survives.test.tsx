/**
 * "Copy your API key" is owned by the app root: nothing that happens underneath it (a page hotkey, a
 * hash change, a failed list refresh, the admin check changing, the page going away mid-create) may
 * take it off screen before Done, because main keeps the secret and the close guard until Done.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppErrorDto } from '../../../src/shared/errors';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

const NO_ACCESS = "You don't have access to this page. Ask an admin if you need it.";

async function openCopyScreen(scenario: Parameters<typeof renderApp>[0] = { keys: [makeKey({ name: 'Existing' })] }) {
  const context = renderApp(scenario);
  await context.user.click(await screen.findByRole('button', { name: 'Create API key' }));
  const form = screen.getByRole('dialog', { name: 'Create API key' });
  await context.user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Data import service');
  await context.user.click(within(form).getByRole('button', { name: 'Create key' }));
  const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
  await waitFor(() => expect(context.fake.callsTo('copy-screen:shown')).toHaveLength(1));
  return { ...context, copy, keyId: context.fake.keys[0]!.id };
}

async function finish(user: ReturnType<typeof renderApp>['user'], copy: HTMLElement) {
  await user.click(within(copy).getByRole('button', { name: 'Done' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Copy your API key' })).not.toBeInTheDocument());
}

describe('the copy screen stays until Done', () => {
  it('ignores Ctrl+2 and Ctrl+1: stays on the page with the dialog open; Done still finishes', async () => {
    const { fake, user, copy, keyId } = await openCopyScreen();
    await user.keyboard('{Control>}2{/Control}');
    await user.keyboard('{Control>}1{/Control}');
    expect(window.location.hash).not.toBe('#/admin/roles');
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBe(copy);
    expect(screen.getByRole('heading', { name: 'API keys', level: 1 })).toBeInTheDocument();
    expect(fake.callsTo('copy-screen:done')).toHaveLength(0);

    await finish(user, copy);
    expect(fake.callsTo('copy-screen:done')).toEqual([{ id: keyId }]);
    // The hotkeys work again once the copy screen is gone.
    await user.keyboard('{Control>}2{/Control}');
    expect(await screen.findByRole('heading', { name: 'Roles and permissions' })).toBeInTheDocument();
  });

  it('ignores the other page hotkeys (Ctrl+N, Ctrl+F, Shift+?) while it is open', async () => {
    const { user, copy } = await openCopyScreen();
    await user.keyboard('{Control>}n{/Control}');
    await user.keyboard('{Control>}f{/Control}');
    await user.keyboard('{Shift>}?{/Shift}');
    expect(screen.getAllByRole('dialog')).toEqual([copy]);
    expect(screen.queryByRole('dialog', { name: 'Create API key' })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search' })).not.toHaveFocus();
  });

  it('survives a page change that does happen (the hash moves to Roles)', async () => {
    const { fake, user, copy, keyId } = await openCopyScreen();
    act(() => {
      window.location.hash = '#/admin/roles';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('heading', { name: 'Roles and permissions' })).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBe(copy);
    await finish(user, copy);
    expect(fake.callsTo('copy-screen:done')).toEqual([{ id: keyId }]);
  });

  it.each<[string, AppErrorDto]>([
    ['INTERNAL', { code: 'INTERNAL', message: 'The list could not be read.' }],
    ['UNAUTHORIZED', { code: 'UNAUTHORIZED', message: 'Token revoked.' }],
  ])('survives a keys:list refresh that fails with %s, and Done still finishes', async (code, error) => {
    const { fake, user, copy, keyId } = await openCopyScreen();
    const listCalls = fake.callsTo('keys:list').length;
    fake.failNext('keys:list', error);
    act(() => fake.emit('keys:changed', { reason: 'refreshed' }));
    await waitFor(() => expect(fake.callsTo('keys:list').length).toBeGreaterThan(listCalls));
    if (code === 'UNAUTHORIZED') {
      await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Signed out'));
    } else {
      expect(await screen.findByText('The list could not be read.')).toBeInTheDocument();
    }
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBe(copy);
    expect(fake.callsTo('copy-screen:done')).toHaveLength(0);

    await finish(user, copy);
    expect(fake.callsTo('copy-screen:done')).toEqual([{ id: keyId }]);
    if (code === 'UNAUTHORIZED') expect(await screen.findByRole('region', { name: 'Connect to RakerOne' })).toBeInTheDocument();
  });

  it('survives the admin check changing to "not an admin" underneath it', async () => {
    const { fake, user, copy, keyId } = await openCopyScreen();
    fake.role = 'manager';
    act(() => fake.setStatus('offline'));
    expect(await screen.findByText(NO_ACCESS)).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBe(copy);
    await finish(user, copy);
    expect(fake.callsTo('copy-screen:done')).toEqual([{ id: keyId }]);
  });

  it('still appears when the page went away while the key was being created', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Existing' })], latencyMs: 40 });
    await screen.findByRole('button', { name: 'Existing' });
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const form = await screen.findByRole('dialog', { name: 'Create API key' });
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Data import service');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    act(() => {
      window.location.hash = '#/admin/roles';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(screen.getByRole('heading', { name: 'Roles and permissions' })).toBeInTheDocument();
    await waitFor(() => expect(fake.callsTo('copy-screen:shown')).toHaveLength(1));
    await finish(user, copy);
    expect(fake.callsTo('copy-screen:done')).toHaveLength(1);
  });
});

describe('the rotate switch-over step after the copy screen', () => {
  it('follows Done even when the list refresh failed meanwhile, and "Later" closes it', async () => {
    const old = makeKey({ name: 'Webhook relay' });
    const { fake, user } = renderApp({ keys: [old] });
    await user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    fake.failNext('keys:list', { code: 'INTERNAL', message: 'The list could not be read.' });
    act(() => fake.emit('keys:changed', { reason: 'refreshed' }));
    expect(await screen.findByText('The list could not be read.')).toBeInTheDocument();
    await user.click(within(copy).getByRole('button', { name: 'Done' }));
    const step = await screen.findByRole('dialog', { name: 'Switch your integration over, then retire the old key' });
    expect(within(step).getByRole('button', { name: 'Schedule retirement' })).toBeInTheDocument();
    await user.click(within(step).getByRole('button', { name: 'Later' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('keys:revoke')).toHaveLength(0);
  });
});
