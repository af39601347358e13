/**
 * Suspend and resume in the renderer: from a row, with a reason checked as you type; the typed count
 * for several keys from the selection bar; the offline wording; who, when and why on a suspended row.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { reasonIssue } from '../../../../../../src/renderer/src/features/keys/suspend/reason-field';
import { makeKey } from '../../../../../helpers/fake-bridge';
import { renderApp } from '../../../render-app';

function rowOf(name: string): HTMLElement {
  return screen.getByRole('button', { name }).closest('[role="row"]') as HTMLElement;
}

describe('the reason', () => {
  it('follows the server rule: 1–200 characters, one line; said in plain words', () => {
    expect(reasonIssue('Seen in a public gist')).toBeNull();
    expect(reasonIssue('   ')).toBe('Enter a reason');
    expect(reasonIssue('x'.repeat(200))).toBeNull();
    expect(reasonIssue('x'.repeat(201))).toBe('At most 200 characters (201 now)');
    expect(reasonIssue('two\nlines')).toBe('Keep the reason on one line, without control characters');
  });
});

describe('suspend and resume one key', () => {
  it('asks why (checked as you type), suspends, shows who, when and why, and resumes', async () => {
    const { user, fake } = renderApp({ keys: [makeKey({ name: 'Billing' })] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.click(within(rowOf('Billing')).getByRole('button', { name: 'Suspend Billing' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend this API key?' });
    // Cancel first, as every destructive dialog here.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    await user.type(reason, 'x');
    await user.clear(reason);
    expect(within(dialog).getByText('Enter a reason')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Suspend key' })).toBeDisabled();
    await user.type(reason, 'Seen in a public gist');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.keys[0]).toMatchObject({ status: 'suspended', suspension: { reason: 'Seen in a public gist' } });
    const badge = await within(rowOf('Billing')).findByText('Suspended');
    expect(badge).toHaveAttribute('title', expect.stringContaining('Suspended by Ada Admin on'));
    expect(badge).toHaveAttribute('title', expect.stringContaining('“Seen in a public gist”'));

    await user.click(within(rowOf('Billing')).getByRole('button', { name: 'Resume Billing' }));
    const resume = await screen.findByRole('dialog', { name: 'Resume this API key?' });
    expect(within(resume).getByText(/Seen in a public gist/)).toBeInTheDocument();
    await user.click(within(resume).getByRole('button', { name: 'Resume key' }));
    await waitFor(() => expect(fake.keys[0]!.status).toBe('active'));
    expect(await within(rowOf('Billing')).findByRole('button', { name: 'Suspend Billing' })).toBeInTheDocument();
  });

  it('offline: says the key keeps working until RakerOne Admin reconnects, and the row is "Suspension pending"', async () => {
    const { user } = renderApp({ connection: 'offline', keys: [makeKey({ name: 'Billing' })] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.click(within(rowOf('Billing')).getByRole('button', { name: 'Suspend Billing' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend this API key?' });
    expect(within(dialog).getByText(/The key keeps working until RakerOne Admin reconnects/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Leaked?');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend key' }));
    expect(await within(rowOf('Billing')).findByText('Suspension pending')).toBeInTheDocument();
  });
});

describe('suspend from the selection bar', () => {
  it('"Suspend N keys" asks to type N, then suspends them all with one reason', async () => {
    const names = ['Alpha', 'Bravo', 'Charlie'];
    const { user, fake } = renderApp({ keys: names.map((name) => makeKey({ name })) });
    await screen.findByRole('table', { name: 'API keys' });
    for (const name of names) await user.click(within(rowOf(name)).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Suspend 3 keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend 3 API keys?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Incident 42');
    const confirm = within(dialog).getByRole('button', { name: 'Suspend 3 keys' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Type 3 to confirm' }), '2');
    expect(confirm).toBeDisabled();
    await user.clear(within(dialog).getByRole('textbox', { name: 'Type 3 to confirm' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Type 3 to confirm' }), '3');
    await user.click(confirm);
    await waitFor(() => expect(fake.keys.every((key) => key.status === 'suspended' && key.suspension?.reason === 'Incident 42')).toBe(true));
    expect(await screen.findByText('3 keys suspended: refused until resumed.')).toBeInTheDocument();
  });
});
