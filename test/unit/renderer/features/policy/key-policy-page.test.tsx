import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NO_ACCESS_TEXT } from '../../../../../src/renderer/src/components/no-access';
import { renderApp } from '../../render-app';

function openPolicyPage(scenario: Parameters<typeof renderApp>[0] = {}) {
  window.location.hash = '#/admin/key-policy';
  return renderApp({ keys: [], ...scenario });
}

async function form() {
  return screen.findByRole('form', { name: 'Key policy' });
}

describe('Admin → Key policy', () => {
  it('is in the Admin navigation and shows the current policy', async () => {
    openPolicyPage({ policy: { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false } });
    expect(await screen.findByRole('heading', { name: 'Key policy', level: 1 })).toBeInTheDocument();
    const link = within(screen.getByRole('navigation', { name: 'Admin' })).getByRole('link', { name: 'Key policy' });
    expect(link).toHaveAttribute('aria-current', 'page');
    expect(link).toHaveAttribute('href', '#/admin/key-policy');
    await form();
    expect(screen.getByRole('checkbox', { name: 'Set a maximum lifetime' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Maximum lifetime (days)' })).toHaveValue('30');
    expect(screen.getByRole('checkbox', { name: 'Require an expiry date' })).toBeChecked();
    // Nothing changed yet: nothing to save.
    expect(screen.getByRole('button', { name: 'Save policy' })).toBeDisabled();
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });

  it('saved: sends the policy, says so, and the create dialog follows it (Never gone, the maximum said)', async () => {
    const { fake, user } = openPolicyPage();
    await form();
    const days = screen.getByRole('textbox', { name: 'Maximum lifetime (days)' });
    expect(days).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Set a maximum lifetime' }));
    await user.clear(days);
    await user.type(days, '45');
    await user.click(screen.getByRole('checkbox', { name: 'Require an expiry date' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText(/^Key policy saved\./)).toHaveAttribute('role', 'status');
    expect(fake.callsTo('policy:set')).toEqual([{ maxLifetimeDays: 45, requireExpiry: true, requireAllowedAddresses: false }]);
    expect(fake.policy).toEqual({ maxLifetimeDays: 45, requireExpiry: true, requireAllowedAddresses: false });

    await user.click(screen.getByRole('link', { name: 'API keys' }));
    await user.click(await screen.findByRole('button', { name: 'Create your first API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    expect(await within(dialog).findByText('Your organization requires keys to expire within 45 days.', { exact: false })).toBeInTheDocument();
    const expires = within(dialog).getByRole('combobox', { name: 'Expires' }) as HTMLSelectElement;
    expect([...expires.options].map((option) => option.textContent)).toEqual(['In 7 days', 'In 30 days', 'On a date']);
  });

  it('a days value out of range is refused on the field before anything is sent', async () => {
    const { fake, user } = openPolicyPage();
    await form();
    await user.click(screen.getByRole('checkbox', { name: 'Set a maximum lifetime' }));
    const days = screen.getByRole('textbox', { name: 'Maximum lifetime (days)' });
    await user.clear(days);
    await user.type(days, '0');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(days).toHaveAccessibleDescription(expect.stringContaining('Enter a whole number of days from 1 to 3650'));
    expect(fake.callsTo('policy:set')).toEqual([]);
  });

  it("validation error: the server's refusal sits on its field, and the typed value stays", async () => {
    const { fake, user } = openPolicyPage();
    await form();
    await user.click(screen.getByRole('checkbox', { name: 'Set a maximum lifetime' }));
    fake.failNext('policy:set', {
      code: 'VALIDATION',
      message: 'Invalid request body',
      details: { issues: [{ path: 'maxLifetimeDays', message: 'maxLifetimeDays must be at most 3650' }] },
    });
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const days = screen.getByRole('textbox', { name: 'Maximum lifetime (days)' });
    await waitFor(() => expect(days).toHaveAccessibleDescription(expect.stringContaining('maxLifetimeDays must be at most 3650')));
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(days).toHaveValue('90');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // Editing the field clears the server's error.
    await user.type(days, '1');
    expect(days).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('offline: shows the last known policy and its age, and a save says plainly that it needs the server; nothing typed is lost', async () => {
    const { fake, user } = openPolicyPage({ connection: 'offline', policy: { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false } });
    await form();
    expect(screen.getByRole('note')).toHaveTextContent(/You're offline: this is the key policy as of .*Changing it needs the server\./);
    await user.click(screen.getByRole('checkbox', { name: 'Require an expiry date' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't save: the key policy needs the server");
    expect(alert).toHaveTextContent('needs the server');
    expect(screen.getByRole('checkbox', { name: 'Require an expiry date' })).toBeChecked();
    expect(fake.policy).toEqual({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false });

    // Back online, the same form saves.
    fake.setStatus('online');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText(/^Key policy saved\./)).toHaveAttribute('role', 'status');
    expect(fake.policy).toEqual({ maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false });
  });

  it('offline and never read: says so instead of showing a policy it does not know', async () => {
    openPolicyPage({ connection: 'offline', policy: null });
    expect(await screen.findByRole('note')).toHaveTextContent("hasn't read the key policy yet");
    expect(screen.queryByRole('form', { name: 'Key policy' })).not.toBeInTheDocument();
  });

  it('read-only: when the server refuses the change (no longer an Admin), the form is disabled with the reason', async () => {
    const { fake, user } = openPolicyPage();
    await form();
    await user.click(screen.getByRole('checkbox', { name: 'Require an expiry date' }));
    fake.failNext('policy:set', { code: 'FORBIDDEN', message: 'This action needs the Admin role' });
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent("You can't change the key policy");
    expect(note).toHaveTextContent('Only an Admin can change the key policy. RakerOne said: This action needs the Admin role');
    expect(screen.getByRole('checkbox', { name: 'Require an expiry date' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Require an expiry date' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  });

  it('someone who is not an Admin gets the no-access message, as on every Admin page', async () => {
    openPolicyPage({ role: 'builder' });
    expect(await screen.findByText(NO_ACCESS_TEXT)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Key policy' })).not.toBeInTheDocument();
  });
});
