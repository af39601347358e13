import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey, type FakeBridge } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

const SWITCH_STEP = 'Switch your integration over, then retire the old key';

/** Rotates the only key through to the switch-over step; `beforeDone` runs just before "Done". */
async function reachSwitchStep(beforeDone: (fake: FakeBridge) => void = () => {}) {
  const old = makeKey({ name: 'Webhook relay' });
  const context = renderApp({ keys: [old] });
  await context.user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
  await context.user.click(screen.getByRole('button', { name: 'Rotate key' }));
  await context.user.click(screen.getByRole('button', { name: 'Create key' }));
  const done = await screen.findByRole('button', { name: 'Done' });
  beforeDone(context.fake);
  await context.user.click(done);
  return { ...context, old, step: await screen.findByRole('dialog', { name: SWITCH_STEP }) };
}

/** What another admin (or main's sync) did to the old key, as main then reports it. */
function changeOldKey(fake: FakeBridge, id: string, change: (key: ReturnType<typeof makeKey>) => ReturnType<typeof makeKey>) {
  fake.keys = fake.keys.map((key) => (key.id === id ? change(key) : key));
  act(() => fake.emit('keys:changed', { reason: 'synced' }));
}

function rowOf(name: string): HTMLElement {
  return screen.getByRole('button', { name }).closest('[role="row"]') as HTMLElement;
}

describe('Revoke', () => {
  it('asks "Revoke this API key?" with the warning, and Cancel backs out', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Data import service' })] });
    await user.click(await screen.findByRole('button', { name: 'Revoke Data import service' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke this API key?' });
    expect(dialog).toHaveTextContent('Any system using “Data import service” will immediately lose access.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('keys:revoke')).toHaveLength(0);
    expect(rowOf('Data import service')).toBeInTheDocument();
  });

  it('"Revoke key" revokes: the key leaves the default list and a notification confirms', async () => {
    const { fake, user } = renderApp({ keys: [makeKey({ name: 'Data import service' }), makeKey({ name: 'Other' })] });
    const key = fake.keys[0]!;
    await user.click(await screen.findByRole('button', { name: 'Revoke Data import service' }));
    await user.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect(fake.callsTo('keys:revoke')).toEqual([{ id: key.id }]);
    expect(await screen.findByText('“Data import service” is revoked.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Data import service' })).not.toBeInTheDocument());
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('offline: says the key keeps working until the app reconnects, then shows Revocation pending', async () => {
    const { user } = renderApp({ connection: 'offline', keys: [makeKey({ name: 'Data import service' })] });
    await user.click(await screen.findByRole('button', { name: 'Revoke Data import service' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke this API key?' });
    expect(dialog).toHaveTextContent('The key keeps working until RakerOne Admin reconnects');
    // Queued, not done: nothing in the dialog may say it happens at once.
    expect(dialog).not.toHaveTextContent(/immediately/i);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(within(rowOf('Data import service')).getByText('Revocation pending')).toBeInTheDocument());
    expect(screen.getByText('Revocation pending: “Data import service” still works until RakerOne Admin reconnects.')).toBeInTheDocument();
  });
});

describe('Rotate', () => {
  it('prefills the create dialog from the old key, shows the new key, then the switch-over step', async () => {
    const old = makeKey({ name: 'Webhook relay', capabilities: ['trigger:manage', 'playbook-run:start'], canImpersonate: true });
    const { fake, user } = renderApp({ keys: [old] });
    await user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Webhook relay' })).getByRole('button', { name: 'Rotate key' }));

    const form = await screen.findByRole('dialog', { name: 'Rotate “Webhook relay”' });
    expect(within(form).getByRole('textbox', { name: /Name/ })).toHaveValue('Webhook relay');
    expect(within(form).getByRole('checkbox', { name: 'Manage triggers' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Start playbook runs' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Create playbooks' })).not.toBeChecked();
    expect(within(form).getByRole('switch', { name: 'Can impersonate users' })).toBeChecked();
    // The old key never expired and no policy forbids it: neither does its replacement.
    expect(within(form).getByRole('combobox', { name: /Expires/ })).toHaveValue('never');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(fake.callsTo('keys:rotate')).toEqual([
      {
        name: 'Webhook relay',
        capabilities: ['playbook-run:start', 'trigger:manage'],
        canImpersonate: true,
        expiresAt: null,
        allowedAddresses: null,
        oldKeyId: old.id,
      },
    ]);

    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    await user.click(within(copy).getByRole('button', { name: 'Done' }));

    const step = await screen.findByRole('dialog', { name: 'Switch your integration over, then retire the old key' });
    expect(step).toHaveTextContent('Old key last used:');
    expect(within(step).getByRole('button', { name: 'Later' })).toBeInTheDocument();
    // The old key's last use is fetched live for this step.
    await waitFor(() => expect(fake.callsTo('keys:details')).toContainEqual({ id: old.id }));

    // "Now" keeps the revoke of before: keys:revoke, nothing scheduled.
    await user.click(within(step).getByRole('radio', { name: 'Now' }));
    expect(within(step).getByText(/Revoking is immediate and permanent/)).toBeInTheDocument();
    await user.click(within(step).getByRole('button', { name: 'Revoke old key' }));
    expect(fake.callsTo('keys:revoke')).toEqual([{ id: old.id }]);
    expect(fake.callsTo('keys:schedule-retirement')).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('"Later" closes the switch-over step and leaves the old key working', async () => {
    const old = makeKey({ name: 'Webhook relay' });
    const { fake, user } = renderApp({ keys: [old] });
    await user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await user.click(await screen.findByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('keys:revoke')).toHaveLength(0);
    expect(screen.getAllByRole('button', { name: /^Revoke Webhook relay/ })).toHaveLength(2);
  });

  it('says when the live update of the old key fails, with the reason, instead of claiming it updates', async () => {
    const { step } = await reachSwitchStep((fake) => fake.failNext('keys:details', { code: 'INTERNAL', message: 'The cache file is damaged.' }));
    expect(await within(step).findByText(/Couldn't update the last use: The cache file is damaged\./)).toBeInTheDocument();
    expect(within(step).queryByText(/Updates every 5 seconds/)).not.toBeInTheDocument();
  });

  it('offline: does not claim live updates', async () => {
    const { fake, step } = await reachSwitchStep();
    expect(within(step).getByText('Updates every 5 seconds while this step is open.')).toBeInTheDocument();
    act(() => fake.setStatus('offline'));
    expect(await within(step).findByText(/You're offline: this is the last use known before RakerOne Admin went offline\./)).toBeInTheDocument();
    expect(within(step).queryByText(/Updates every 5 seconds/)).not.toBeInTheDocument();
  });

  it('does not offer "Revoke old key" once the old key is revoked (e.g. by another admin)', async () => {
    const { fake, old, step } = await reachSwitchStep();
    changeOldKey(fake, old.id, (key) => ({ ...key, status: 'revoked', revokedAt: new Date().toISOString() }));
    expect(await within(step).findByText('The old key is already revoked.')).toBeInTheDocument();
    expect(within(step).queryByRole('button', { name: 'Revoke old key' })).not.toBeInTheDocument();
    expect(within(step).queryByRole('button', { name: 'Schedule retirement' })).not.toBeInTheDocument();
    expect(within(step).queryByRole('radiogroup', { name: 'How should the old key retire?' })).not.toBeInTheDocument();
    expect(within(step).getByRole('button', { name: 'Done' })).toBeInTheDocument();
  });

  it('does not offer "Revoke old key" while its revocation is pending, and says why', async () => {
    const { fake, old, step } = await reachSwitchStep();
    changeOldKey(fake, old.id, (key) => ({
      ...key,
      pending: { outboxId: 'o1', action: 'revoke', state: 'queued', error: null, queuedAt: new Date().toISOString(), mayBeApplied: false },
    }));
    expect(
      await within(step).findByText('Revocation pending: the key stays as it is now until RakerOne Admin reconnects and the revocation reaches the server.'),
    ).toBeInTheDocument();
    expect(within(step).queryByRole('button', { name: 'Revoke old key' })).not.toBeInTheDocument();
  });
});
