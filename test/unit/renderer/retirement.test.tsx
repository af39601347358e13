import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KeyRow } from '../../../src/shared/ipc/contract';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

const SWITCH_STEP = 'Switch your integration over, then retire the old key';
const HOUR = 3_600_000;

function rowOf(name: string): HTMLElement {
  return within(screen.getByRole('table', { name: 'API keys' }))
    .getByRole('button', { name })
    .closest('[role="row"]') as HTMLElement;
}

async function reachSwitchStep(options: { offline?: boolean } = {}) {
  const old = makeKey({ name: 'Webhook relay' });
  const context = renderApp({ keys: [old], connection: options.offline ? 'offline' : 'online' });
  await context.user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
  await context.user.click(screen.getByRole('button', { name: 'Rotate key' }));
  await context.user.click(screen.getByRole('button', { name: 'Create key' }));
  await context.user.click(await screen.findByRole('button', { name: 'Done' }));
  const step = await screen.findByRole('dialog', { name: SWITCH_STEP });
  const newKey = context.fake.keys.find((key) => key.rotatesKeyId === old.id) as KeyRow;
  return { ...context, old, newKey, step };
}

describe('how the old key retires (rotation)', () => {
  it('offers the four choices, "when the new key is first used" with a 1-hour grace preselected', async () => {
    const { step } = await reachSwitchStep();
    const group = within(step).getByRole('radiogroup', { name: 'How should the old key retire?' });
    expect(within(group).getAllByRole('radio')).toHaveLength(4);
    for (const name of ['When the new key is first used', 'At a time', 'Now', "I'll revoke it myself"])
      expect(within(group).getByRole('radio', { name })).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: 'When the new key is first used' })).toBeChecked();
    expect(within(step).getByRole('combobox', { name: /Grace period/ })).toHaveValue('3600');
    expect(step).toHaveTextContent('“Webhook relay” stops working 1 hour after the new key is first used. Until then both keys work.');
  });

  it("first use, no grace: schedules the old key to retire on the new key's first use, and the row says so", async () => {
    const { fake, user, old, newKey, step } = await reachSwitchStep();
    await user.selectOptions(within(step).getByRole('combobox', { name: /Grace period/ }), 'None');
    expect(step).toHaveTextContent('“Webhook relay” stops working as soon as the new key is first used.');
    await user.click(within(step).getByRole('button', { name: 'Schedule retirement' }));
    expect(fake.callsTo('keys:schedule-retirement')).toEqual([{ id: old.id, plan: { afterFirstUseOf: newKey.id, graceSeconds: 0 } }]);
    expect(fake.callsTo('keys:revoke')).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const oldRow = screen.getAllByRole('row').find((row) => row.textContent?.includes(old.hint)) as HTMLElement;
    expect(within(oldRow).getByText("Retires after the new key's first use")).toBeInTheDocument();
    expect(within(oldRow).getByRole('button', { name: 'Cancel retirement of Webhook relay' })).toBeInTheDocument();
  });

  it('at a time: refuses a time in the past, then schedules the time picked', async () => {
    const { fake, user, old, step } = await reachSwitchStep();
    await user.click(within(step).getByRole('radio', { name: 'At a time' }));
    const input = within(step).getByLabelText(/Retire at/);
    await user.clear(input);
    await user.type(input, '2020-01-01T10:00');
    await user.click(within(step).getByRole('button', { name: 'Schedule retirement' }));
    expect(await within(step).findByText('Pick a time in the future')).toBeInTheDocument();
    expect(fake.callsTo('keys:schedule-retirement')).toHaveLength(0);

    const later = new Date(Date.now() + 30 * HOUR);
    const local = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}T${String(later.getHours()).padStart(2, '0')}:${String(later.getMinutes()).padStart(2, '0')}`;
    await user.clear(input);
    await user.type(input, local);
    await user.click(within(step).getByRole('button', { name: 'Schedule retirement' }));
    const [call] = fake.callsTo('keys:schedule-retirement') as { id: string; plan: { at: string } }[];
    expect(call?.id).toBe(old.id);
    expect(Math.abs(Date.parse(call!.plan.at) - later.getTime())).toBeLessThan(60_000);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('“Webhook relay”: retires in 29 hours.')).toBeInTheDocument();
  });

  it('"I\'ll revoke it myself" schedules nothing and closes with Done', async () => {
    const { fake, user, step } = await reachSwitchStep();
    await user.click(within(step).getByRole('radio', { name: "I'll revoke it myself" }));
    expect(within(step).queryByRole('button', { name: 'Later' })).not.toBeInTheDocument();
    expect(step).toHaveTextContent('“Webhook relay” keeps working until you revoke it in API keys.');
    await user.click(within(step).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('keys:schedule-retirement')).toHaveLength(0);
    expect(fake.callsTo('keys:revoke')).toHaveLength(0);
  });

  it('offline: says the plan waits for the reconnection, and the row shows "Retirement pending"', async () => {
    const { user, old, step } = await reachSwitchStep({ offline: true });
    expect(step).toHaveTextContent('You are offline: RakerOne gets this plan once RakerOne Admin reconnects, and until then the old key does not retire.');
    await user.click(within(step).getByRole('button', { name: 'Schedule retirement' }));
    expect(await screen.findByText('Retirement pending: “Webhook relay” retires as planned once RakerOne Admin reconnects.')).toBeInTheDocument();
    const oldRow = screen.getAllByRole('row').find((row) => row.textContent?.includes(old.hint)) as HTMLElement;
    expect(within(oldRow).getByText('Retirement pending')).toBeInTheDocument();
  });

  it('a refusal (the old key was revoked meanwhile) is reported and the step stays open', async () => {
    const { fake, user, step } = await reachSwitchStep();
    fake.failNext('keys:schedule-retirement', { code: 'CONFLICT', message: 'This key is already revoked.' });
    await user.click(within(step).getByRole('button', { name: 'Schedule retirement' }));
    expect(await screen.findByText(/This key is already revoked\./)).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: SWITCH_STEP })).toBeInTheDocument();
  });
});

describe('cancelling a retirement', () => {
  it('one click in the row: the plan is gone and a notification confirms', async () => {
    const key = makeKey({ name: 'Billing sync', scheduledRevocation: { at: new Date(Date.now() + 23 * HOUR + 30 * 60_000).toISOString() } });
    const { fake, user } = renderApp({ keys: [key] });
    const row = await waitFor(() => rowOf('Billing sync'));
    expect(within(row).getByText('Retires in 23 hours')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Cancel retirement of Billing sync' }));
    expect(fake.callsTo('keys:cancel-retirement')).toEqual([{ id: key.id }]);
    expect(await screen.findByText('“Billing sync” no longer retires on its own.')).toBeInTheDocument();
    await waitFor(() => expect(within(rowOf('Billing sync')).queryByText(/Retires/)).not.toBeInTheDocument());
    expect(within(rowOf('Billing sync')).queryByRole('button', { name: /Cancel retirement/ })).not.toBeInTheDocument();
  });

  it('offline, from the drawer: "Cancellation pending", and the key still retires as planned until the app reconnects', async () => {
    const key = makeKey({
      name: 'Billing sync',
      scheduledRevocation: { afterFirstUseOf: '00000000-0000-4000-8000-00000000ffff', graceSeconds: 86_400, at: null },
    });
    const { fake, user } = renderApp({ keys: [key], connection: 'offline' });
    await user.click(await screen.findByRole('button', { name: 'Billing sync' }));
    const drawer = screen.getByRole('dialog', { name: 'Billing sync' });
    expect(drawer).toHaveTextContent("After the new key's first use, plus 1 day");
    await user.click(within(drawer).getByRole('button', { name: 'Cancel retirement' }));
    expect(fake.callsTo('keys:cancel-retirement')).toEqual([{ id: key.id }]);
    expect(await screen.findByText('Cancellation pending: “Billing sync” still retires as planned until RakerOne Admin reconnects.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('dialog', { name: 'Billing sync' })).getByText('Cancellation pending')).toBeInTheDocument());
    expect(within(screen.getByRole('dialog', { name: 'Billing sync' })).queryByRole('button', { name: 'Cancel retirement' })).not.toBeInTheDocument();
  });

  it('a failed schedule shows its reason on the row and in the failed list', async () => {
    const error = { code: 'CONFLICT' as const, message: 'This key is already revoked' };
    const key = makeKey({
      name: 'Billing sync',
      pending: { outboxId: 'o9', action: 'schedule-retirement', state: 'failed', error, queuedAt: new Date().toISOString(), mayBeApplied: false },
    });
    renderApp({ keys: [key], failed: [{ ...key.pending!, keyId: key.id, keyName: key.name }] });
    const row = await waitFor(() => rowOf('Billing sync'));
    expect(within(row).getByText("Couldn't schedule retirement")).toBeInTheDocument();
    expect(screen.getByText(/Couldn't schedule the retirement of “Billing sync”: This key is already revoked/)).toBeInTheDocument();
  });
});
