/** Allowed addresses in the create dialog (optional, required by the policy, kept by a rotation) and the policy's switch. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../../../../../helpers/fake-bridge';
import { renderApp } from '../../../render-app';

const BOX = /Addresses the key may be used from/;

async function openCreate(scenario: Parameters<typeof renderApp>[0] = {}) {
  const context = renderApp({ keys: [makeKey({ name: 'Existing' })], ...scenario });
  await context.user.click(await screen.findByRole('button', { name: 'Create API key' }));
  const dialog = screen.getByRole('dialog', { name: 'Create API key' });
  await waitFor(() => expect(context.fake.callsTo('policy:get')).toHaveLength(1));
  return { ...context, dialog };
}

describe('Allowed addresses in the create dialog', () => {
  it('optional, under its own heading: an empty box creates a key usable from any address', async () => {
    const { user, dialog, fake } = await openCreate();
    expect(within(dialog).getByRole('heading', { name: 'Allowed addresses' })).toBeInTheDocument();
    expect(within(dialog).getByText('Optional. Leave the box empty and the key works from any address.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Nightly export');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(fake.callsTo('keys:create')).toMatchObject([{ name: 'Nightly export', allowedAddresses: null }]);
  });

  it('checked as it is typed; the key is created with the canonical blocks', async () => {
    const { user, dialog, fake } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Billing sync');
    const box = within(dialog).getByRole('textbox', { name: BOX });
    await user.type(box, '203.0.113.7\n10.0.0.1/8');
    expect(await within(dialog).findByText('Line 2: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeDisabled();
    await user.type(box, '{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}0.0/16');
    await waitFor(() => expect(within(dialog).queryByText(/^Line 2:/)).not.toBeInTheDocument());
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(fake.callsTo('keys:create')).toMatchObject([{ allowedAddresses: ['203.0.113.7/32', '10.0.0.0/16'] }]);
    expect(await screen.findByRole('dialog', { name: 'Copy your API key' })).toBeInTheDocument();
  });

  it('required when the key policy says so: no key without a list', async () => {
    const { user, dialog, fake } = await openCreate({ policy: { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: true } });
    expect(await within(dialog).findByText("The organization's key policy requires a list: the key works only from these addresses.")).toBeInTheDocument();
    const box = within(dialog).getByRole('textbox', { name: BOX });
    expect(box).toBeRequired();
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Partner webhook');
    expect(within(dialog).getByRole('button', { name: 'Create key' })).toBeDisabled();
    await user.type(box, '2001:db8::/48');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(fake.callsTo('keys:create')).toMatchObject([{ allowedAddresses: ['2001:db8::/48'] }]);
  });

  it("a rotation starts with the old key's list, editable", async () => {
    const old = makeKey({ name: 'Webhook relay', allowedAddresses: ['198.51.100.0/24'] });
    const { fake, user } = renderApp({ keys: [old] });
    await user.click(await screen.findByRole('button', { name: 'Webhook relay' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Webhook relay' })).getByRole('button', { name: 'Rotate key' }));
    const form = await screen.findByRole('dialog', { name: 'Rotate “Webhook relay”' });
    const box = within(form).getByRole('textbox', { name: BOX });
    expect(box).toHaveValue('198.51.100.0/24');
    await user.type(box, '\n203.0.113.9');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(fake.callsTo('keys:rotate')).toMatchObject([{ oldKeyId: old.id, allowedAddresses: ['198.51.100.0/24', '203.0.113.9/32'] }]);
  });
});

describe('Key policy: Require allowed addresses', () => {
  it('is a checkbox of the policy; saving sends it', async () => {
    window.location.hash = '#/admin/key-policy';
    const { fake, user } = renderApp({ keys: [] });
    const box = await screen.findByRole('checkbox', { name: 'Require allowed addresses' });
    expect(box).not.toBeChecked();
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await screen.findByText(/^Key policy saved\./);
    expect(fake.callsTo('policy:set')).toEqual([{ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: true }]);
  });
});
