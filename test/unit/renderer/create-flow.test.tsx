import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

async function openCreate(scenario: Parameters<typeof renderApp>[0] = { keys: [makeKey({ name: 'Existing' })] }) {
  const context = renderApp(scenario);
  await context.user.click(await screen.findByRole('button', { name: 'Create API key' }));
  return { ...context, dialog: screen.getByRole('dialog', { name: 'Create API key' }) };
}

describe('Create API key dialog', () => {
  it('has Name, the four permission groups with each capability and its meaning, and impersonation off', async () => {
    const { dialog } = await openCreate();
    expect(within(dialog).getByRole('textbox', { name: /Name/ })).toBeRequired();
    for (const group of ['Playbooks and runs', 'Projects and templates', 'Records, record types, and views', 'Triggers']) {
      expect(within(dialog).getByRole('button', { name: group })).toHaveAttribute('aria-expanded', 'true');
    }
    expect(within(dialog).getAllByRole('checkbox')).toHaveLength(22);
    expect(within(dialog).getByRole('checkbox', { name: 'Manage runs (pause / cancel)' })).toHaveAccessibleDescription('Pause, cancel or reconfigure a run.');
    const impersonate = within(dialog).getByRole('switch', { name: 'Can impersonate users' });
    expect(impersonate).not.toBeChecked();
    expect(impersonate).toHaveAccessibleDescription(/recorded under that person instead of the key/);
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeDisabled();
  });

  it('validates the name on the field: required, trimmed, at most 100 characters', async () => {
    const { user, dialog } = await openCreate();
    const name = within(dialog).getByRole('textbox', { name: /Name/ });
    await user.type(name, '   ');
    await user.tab();
    expect(name).toHaveAccessibleDescription(/Name is required/);
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeDisabled();

    fireEvent.change(name, { target: { value: 'x'.repeat(101) } });
    expect(name).toHaveAccessibleDescription(/Name must be at most 100 characters/);
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeDisabled();

    fireEvent.change(name, { target: { value: `  ${'x'.repeat(100)}  ` } });
    expect(name).not.toHaveAccessibleDescription(/Name must be/);
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeEnabled();
  });

  it('shows a plain warning when impersonation is switched on', async () => {
    const { user, dialog } = await openCreate();
    await user.click(within(dialog).getByRole('switch', { name: 'Can impersonate users' }));
    expect(within(dialog).getByText('This key can act as people')).toBeInTheDocument();
  });

  it('puts a server-side VALIDATION issue on its field', async () => {
    const { fake, user, dialog } = await openCreate();
    fake.failNext('keys:create', {
      code: 'VALIDATION',
      message: 'Invalid input',
      details: { issues: [{ path: 'name', message: 'A key with this name already exists' }] },
    });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Existing');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /Name/ })).toHaveAccessibleDescription(/A key with this name already exists/));
    expect(screen.getByRole('dialog', { name: 'Create API key' })).toBeInTheDocument();
  });

  it('shows a VALIDATION issue on a field without its own error spot (canImpersonate) in the form-level alert', async () => {
    const { fake, user, dialog } = await openCreate();
    fake.failNext('keys:create', {
      code: 'VALIDATION',
      message: 'Invalid input',
      details: { issues: [{ path: 'canImpersonate', message: 'Impersonation is turned off for this organization.' }] },
    });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Acting service');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Can impersonate users: Impersonation is turned off for this organization.');
    expect(screen.getByRole('dialog', { name: 'Create API key' })).toBeInTheDocument();
  });

  it('shows a KEYCHAIN failure with its hint, and keeps the form', async () => {
    const { fake, user, dialog } = await openCreate();
    fake.failNext('keys:create', { code: 'KEYCHAIN', message: "Couldn't read the admin token.", details: { hint: 'Unlock your login keyring.' } });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Data import service');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText("Couldn't read the admin token. Unlock your login keyring.")).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Create API key' })).toBeInTheDocument();
  });

  it('creates with the trimmed name and ticked capabilities, then shows the key once', async () => {
    const { fake, user, dialog } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), '  Data import service  ');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Write records' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Read records' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    // The expiry is the preselected 90 days (its exact value: key-form-expiry.test.tsx).
    expect(fake.callsTo('keys:create')).toEqual([
      {
        name: 'Data import service',
        capabilities: ['data-record:read', 'data-record:write'],
        canImpersonate: false,
        expiresAt: expect.any(String),
        allowedAddresses: null,
      },
    ]);
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    const secret = fake.keys[0]!;
    const field = within(copy).getByRole('textbox', { name: 'API key' });
    expect((field as HTMLInputElement).value).toMatch(/^rkr_key_/);
    expect(field).toHaveAttribute('readonly');
    expect(copy).toHaveTextContent("This is the only time you'll see the full key.");
    expect(copy).toHaveTextContent("RakerOne can't show it to you again.");
    expect(copy).toHaveTextContent('clears the clipboard after 60 seconds');
    await waitFor(() => expect(fake.callsTo('copy-screen:shown')).toEqual([{ id: secret.id }]));

    await user.click(within(copy).getByRole('button', { name: 'Copy' }));
    expect(await within(copy).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(fake.callsTo('copy-screen:copy')).toEqual([{ id: secret.id }]);
    expect(copy).toHaveTextContent(/Copied\. RakerOne Admin clears the clipboard at .+, 60 seconds after copying\./);

    await user.click(within(copy).getByRole('button', { name: 'Done' }));
    expect(fake.callsTo('copy-screen:done')).toEqual([{ id: secret.id }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body.textContent).not.toMatch(/rkr_key_[0-9a-f]{20}/);
    expect(screen.getByRole('button', { name: 'Data import service' })).toBeInTheDocument();
  });

  it('cannot be dismissed on the copy screen: no close button, Escape and outside clicks do nothing', async () => {
    const { user, dialog } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Data import service');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(within(copy).queryByRole('button', { name: 'Close' })).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    const overlay = document.querySelector('.mantine-Modal-overlay') as HTMLElement;
    expect(overlay).not.toBeNull();
    await user.click(overlay);
    fireEvent.mouseDown(overlay);
    fireEvent.click(overlay);
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBeInTheDocument();
    expect(within(copy).getByRole('button', { name: 'Done' })).toBeInTheDocument();
  });

  it('the same Escape and outside click do close the form screen (so the test above can fail)', async () => {
    const { user } = await openCreate();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    await user.click(document.querySelector('.mantine-Modal-overlay') as HTMLElement);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('points at Done when main blocks closing the window', async () => {
    const { fake, user, dialog } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Data import service');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    act(() => fake.emit('close:blocked', { attempted: 'close' }));
    expect(await within(copy).findByRole('alert')).toHaveTextContent('Store the key, then click Done. RakerOne Admin stays open until you do.');
    const done = within(copy).getByRole('button', { name: 'Done' });
    await waitFor(() => expect(done).toHaveFocus());
    expect(done).toHaveClass('rk-attention');
  });

  it('stays on the copy screen if Done fails, so main keeps guarding the window', async () => {
    const { fake, user, dialog } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Data import service');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    fake.failNext('copy-screen:done', { code: 'INTERNAL', message: 'Main did not answer.' });
    await user.click(within(copy).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Main did not answer.')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBeInTheDocument();
  });

  it('offline: says the key starts working once the app reconnects, and lists it as not active yet', async () => {
    const { user, dialog } = await openCreate({ connection: 'offline', keys: [makeKey({ name: 'Existing' })] });
    expect(dialog).toHaveTextContent("You're offline. The key is created now but only starts working once RakerOne Admin reconnects.");
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Offline key');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(copy).toHaveTextContent('This key starts working once RakerOne Admin reconnects');
    await user.click(within(copy).getByRole('button', { name: 'Done' }));
    const row = (await screen.findByRole('button', { name: 'Offline key' })).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Not active yet')).toBeInTheDocument();
  });

  it('a create whose answer was lost: the copy screen and the row say the key may already work', async () => {
    const { user, dialog } = await openCreate({ createAnswerLost: true, keys: [makeKey({ name: 'Existing' })] });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Unconfirmed key');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(copy).toHaveTextContent("RakerOne didn't answer in time, so this key may already work.");
    expect(copy).not.toHaveTextContent("You're offline");
    await user.click(within(copy).getByRole('button', { name: 'Done' }));
    const row = (await screen.findByRole('button', { name: 'Unconfirmed key' })).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Not confirmed yet')).toBeInTheDocument();
  });
});

describe('the copy screen outlives the session', () => {
  it('keeps the new key on screen when the token is rejected meanwhile, then asks to sign in after Done', async () => {
    const { fake, user, dialog } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Data import service');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    act(() => fake.setStatus('unauthorized'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Signed out'));
    expect(screen.getByRole('dialog', { name: 'Copy your API key' })).toBe(copy);
    await user.click(within(copy).getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('region', { name: 'Connect to RakerOne' })).toBeInTheDocument();
  });
});
