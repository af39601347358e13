/** The create dialog's Expires field: its choices under the key policy, what it sends, and refusals. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../../../../../helpers/fake-bridge';
import { renderApp } from '../../../render-app';

const DAY = 24 * 60 * 60 * 1000;

async function openCreate(scenario: Parameters<typeof renderApp>[0] = {}) {
  const context = renderApp({ keys: [makeKey({ name: 'Existing' })], ...scenario });
  await context.user.click(await screen.findByRole('button', { name: 'Create API key' }));
  const dialog = screen.getByRole('dialog', { name: 'Create API key' });
  const expires = within(dialog).getByRole('combobox', { name: 'Expires' }) as HTMLSelectElement;
  return { ...context, dialog, expires };
}

const optionLabels = (select: HTMLSelectElement) => [...select.options].map((option) => option.textContent);

describe('Expires in the create dialog', () => {
  it('without a policy: every lifetime, a date and Never; 90 days preselected; "In 7 days" sends now + 7 days', async () => {
    const { user, dialog, expires, fake } = await openCreate();
    expect(optionLabels(expires)).toEqual(['In 7 days', 'In 30 days', 'In 90 days', 'In 1 year', 'On a date', 'Never']);
    await waitFor(() => expect(fake.callsTo('policy:get')).toHaveLength(1));
    expect(expires).toHaveValue('days-90');

    await user.selectOptions(expires, 'In 7 days');
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Nightly export');
    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const [sent] = fake.callsTo('keys:create') as { expiresAt: string }[];
    const expiresAt = Date.parse(sent!.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY);

    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(within(copy).getByText(/^This key expires on .+ \(in 7 days\)\.$/)).toBeInTheDocument();
  });

  it('Never is an explicit choice, and the copy screen then says the key does not expire', async () => {
    const { user, dialog, expires, fake } = await openCreate();
    await user.selectOptions(expires, 'Never');
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Forever');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(fake.callsTo('keys:create')).toMatchObject([{ expiresAt: null }]);
    const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(within(copy).getByText('This key does not expire.')).toBeInTheDocument();
  });

  it('under a policy: Never is gone, nothing beyond the maximum is offered, and the maximum is said', async () => {
    const { expires } = await openCreate({ policy: { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false } });
    await waitFor(() => expect(optionLabels(expires)).toEqual(['In 7 days', 'In 30 days', 'On a date']));
    expect(expires).toHaveValue('days-30');
    expect(expires).toHaveAccessibleDescription('Your organization requires keys to expire within 30 days.');
  });

  it('"On a date" asks for a day within the maximum, and sends the start of that day', async () => {
    const { user, dialog, expires, fake } = await openCreate({ policy: { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false } });
    await waitFor(() => expect(expires).toHaveValue('days-30'));
    await user.selectOptions(expires, 'On a date');
    const date = within(dialog).getByLabelText(/Expiry date/) as HTMLInputElement;
    expect(date.max).not.toBe('');
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Dated');
    await user.clear(date);
    await user.type(date, '2999-01-01');
    await user.tab();
    expect(date).toHaveAccessibleDescription(/Pick a date no later than/);
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeDisabled();
    await user.clear(date);
    await user.type(date, date.max);
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const [sent] = fake.callsTo('keys:create') as { expiresAt: string }[];
    expect(new Date(sent!.expiresAt).getHours()).toBe(0);
  });

  it('a create the server refuses for the policy shows its message on Expires, until the choice changes', async () => {
    const { user, dialog, expires, fake } = await openCreate();
    await waitFor(() => expect(fake.callsTo('policy:get')).toHaveLength(1));
    // The policy changed on the server since the dialog read it.
    fake.policy = { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false };
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Too long');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(expires).toHaveAccessibleDescription(/maximum lifetime 30 days/));
    expect(screen.getByRole('dialog', { name: 'Create API key' })).toBeInTheDocument();
    await user.selectOptions(expires, 'In 7 days');
    expect(expires).not.toHaveAccessibleDescription(/maximum lifetime 30 days/);
  });

  it('offline with no policy ever read: Never is offered and the dialog says the server checks it on sync', async () => {
    const { expires } = await openCreate({ connection: 'offline', policy: null });
    await waitFor(() => expect(expires).toHaveAccessibleDescription(/couldn't be checked offline/));
    expect(optionLabels(expires)).toContain('Never');
  });

  it('rotating a key that had a 30-day lifetime preselects 30 days', async () => {
    // Still working (an expired key offers no rotation): made a day ago with a 30-day lifetime.
    const createdMs = Date.now() - 86_400_000;
    const old = makeKey({
      name: 'Webhook relay',
      createdAt: new Date(createdMs).toISOString(),
      expiresAt: new Date(createdMs + 30 * 86_400_000).toISOString(),
    });
    const { user } = renderApp({ keys: [old] });
    await user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Webhook relay' })).getByRole('button', { name: 'Rotate key' }));
    const form = await screen.findByRole('dialog', { name: 'Rotate “Webhook relay”' });
    expect(within(form).getByRole('combobox', { name: 'Expires' })).toHaveValue('days-30');
  });
});
