/**
 * Selecting many keys and revoking them at once: checkboxes (Space, Shift+click ranges), the header box,
 * "Select all N matching" (rows not drawn included), the type-the-number confirmation, the single-key
 * dialog for one key, and keys that cannot be selected.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BulkRevokeDialog } from '../../../../../../src/renderer/src/features/keys/bulk/bulk-revoke-dialog';
import { createQueryClient } from '../../../../../../src/renderer/src/lib/query-client';
import { Providers } from '../../../../../../src/renderer/src/providers';
import { createFakeBridge, generateKeys, makeKey } from '../../../../../helpers/fake-bridge';
import { chooseMenuFilter, renderApp } from '../../../render-app';

const ANA = { id: 'person-ana', name: 'Ana Security' };
const BEN = { id: 'person-ben', name: 'Ben Builder' };

function rowOf(name: string): HTMLElement {
  return screen.getByRole('button', { name }).closest('[role="row"]') as HTMLElement;
}
const box = (name: string) => within(rowOf(name)).getByRole('checkbox');

describe('selecting keys', () => {
  it('a checkbox per row; Shift+click selects the range; the bar counts and offers "Revoke N keys"', async () => {
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    const { user } = renderApp({ keys: names.map((name, i) => makeKey({ name, createdAt: new Date(Date.UTC(2026, 9, 10 - i)).toISOString() })) });
    await screen.findByRole('table', { name: 'API keys' });
    // No selection bar until something is selected: it never costs the table a row.
    expect(screen.queryByRole('group', { name: 'Selection' })).not.toBeInTheDocument();
    await user.click(box('Bravo'));
    expect(screen.getByTestId('selection-count')).toHaveTextContent('1 key selected');
    await user.keyboard('{Shift>}');
    await user.click(box('Delta'));
    await user.keyboard('{/Shift}');
    expect(names.map((name) => (box(name) as HTMLInputElement).checked)).toEqual([false, true, true, true, false]);
    expect(screen.getByRole('button', { name: 'Revoke 3 keys' })).toBeInTheDocument();
    // The header box is partly checked; a click completes the selection, another clears it.
    const header = screen.getByRole('checkbox', { name: 'Select all 5 matching keys' }) as HTMLInputElement;
    expect(header.indeterminate).toBe(true);
    await user.click(header);
    expect(screen.getByTestId('selection-count')).toHaveTextContent('5 keys selected');
    await user.click(header);
    expect(screen.queryByRole('group', { name: 'Selection' })).not.toBeInTheDocument();
  });

  it('Space on a row toggles its box (on the name too, where Enter opens the key)', async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' })] });
    await screen.findByRole('table', { name: 'API keys' });
    box('Alpha').focus();
    await user.keyboard(' ');
    expect(box('Alpha')).toBeChecked();
    screen.getByRole('button', { name: 'Bravo' }).focus();
    await user.keyboard(' ');
    expect(box('Bravo')).toBeChecked();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('revoked, expired and pending keys cannot be selected, and the bar says they are skipped', async () => {
    const { user } = renderApp({
      keys: [
        makeKey({ name: 'Live' }),
        makeKey({ name: 'Gone', status: 'revoked', revokedAt: '2026-11-01T00:00:00.000Z' }),
        makeKey({
          name: 'Leaving',
          pending: { outboxId: 'o', action: 'revoke', state: 'queued', error: null, queuedAt: '2026-11-01T00:00:00.000Z', mayBeApplied: false },
        }),
      ],
    });
    await screen.findByRole('table', { name: 'API keys' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'All keys');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Gone' })).toBeInTheDocument());
    expect(box('Gone')).toBeDisabled();
    expect(box('Gone')).toHaveAccessibleName("Select Gone (Revoked: can't be selected)");
    expect(box('Leaving')).toBeDisabled();
    expect(box('Live')).toBeEnabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select all 1 matching keys' }));
    expect(screen.getByTestId('selection-count')).toHaveTextContent(/^1 key selected/);
    expect(screen.getByTestId('selection-count')).toHaveTextContent('2 matching keys are skipped: revoked, expired or already pending');
  });

  it('"Select all N matching" takes every key the filters match, drawn or not, two choices after the filters', async () => {
    const keys = generateKeys(300).map((key, i) => ({
      ...key,
      createdBy: i % 3 === 0 ? ANA : BEN,
      capabilities: i % 2 === 0 ? (['data-record:write'] as const).slice() : [],
    }));
    const expected = keys.filter((key, i) => i % 3 === 0 && i % 2 === 0);
    const { user, fake } = renderApp({ keys });
    await screen.findByRole('table', { name: 'API keys' }, { timeout: 5000 });
    await chooseMenuFilter(user, 'Permission', 'Write records');
    await chooseMenuFilter(user, 'Created by', 'Ana Security');
    await user.keyboard('{Escape}');
    // One row, then "Select all N matching" on the bar that appears.
    await user.click(within(screen.getAllByRole('row')[1]!).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: `Select all ${expected.length} matching` }));
    // Far more than the table draws.
    expect(screen.getAllByRole('row').length).toBeLessThan(expected.length);
    await user.click(screen.getByRole('button', { name: `Revoke ${expected.length} keys` }));
    const dialog = await screen.findByRole('dialog', { name: `Revoke ${expected.length} API keys?` });
    expect(within(within(dialog).getByRole('list', { name: 'Keys to revoke' })).getAllByRole('listitem')).toHaveLength(expected.length);
    expect(within(dialog).getByText(expected[0]!.hint)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(`Type ${expected.length} to confirm`), String(expected.length));
    await user.click(within(dialog).getByRole('button', { name: `Revoke ${expected.length} keys` }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const [sent] = fake.callsTo('keys:bulk-revoke') as { ids: string[] }[];
    expect(sent!.ids).toHaveLength(expected.length);
    expect(new Set(sent!.ids)).toEqual(new Set(expected.map((key) => key.id)));
  });

  it('a new filter starts a new selection', async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Alpha', createdBy: ANA }), makeKey({ name: 'Bravo', createdBy: BEN })] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.click(box('Alpha'));
    expect(screen.getByTestId('selection-count')).toHaveTextContent('1 key selected');
    await chooseMenuFilter(user, 'Created by', 'Ben Builder');
    expect(screen.queryByRole('group', { name: 'Selection' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove filter Created by: Ben Builder' })).toBeInTheDocument();
  });
});

describe('the confirmation', () => {
  it('for N > 1, "Revoke N keys" stays disabled until the number is typed; Cancel is focused first', async () => {
    const { user, fake } = renderApp({ keys: [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' }), makeKey({ name: 'Charlie' })] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.click(screen.getByRole('checkbox', { name: 'Select all 3 matching keys' }));
    await user.click(screen.getByRole('button', { name: 'Revoke 3 keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 3 API keys?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    const confirm = within(dialog).getByRole('button', { name: 'Revoke 3 keys' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Type 3 to confirm'), '2');
    expect(confirm).toBeDisabled();
    await user.clear(within(dialog).getByLabelText('Type 3 to confirm'));
    await user.type(within(dialog).getByLabelText('Type 3 to confirm'), '3');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText(/3 keys revoked: refused from now on\./)).toBeInTheDocument();
    expect(fake.callsTo('keys:bulk-revoke')).toHaveLength(1);
    // Every key is revoked now: the default filter hides them all.
    expect(await screen.findByRole('heading', { name: 'No active API keys' })).toBeInTheDocument();
  });

  it('exactly one selected key uses the single-key dialog, unchanged', async () => {
    const { user, fake } = renderApp({ keys: [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' })] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.click(box('Alpha'));
    await user.click(screen.getByRole('button', { name: 'Revoke 1 key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this API key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(fake.callsTo('keys:revoke')).toHaveLength(1));
    expect(fake.callsTo('keys:bulk-revoke')).toHaveLength(0);
  });

  it('offline: says the keys keep working, and the rows become "Revocation pending"', async () => {
    const { user } = renderApp({ connection: 'offline', keys: [makeKey({ name: 'Alpha' }), makeKey({ name: 'Bravo' })] });
    await screen.findByRole('table', { name: 'API keys' });
    await user.click(screen.getByRole('checkbox', { name: 'Select all 2 matching keys' }));
    await user.click(screen.getByRole('button', { name: 'Revoke 2 keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 2 API keys?' });
    expect(within(dialog).getByText(/The keys keep working until RakerOne Admin reconnects/)).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent(/immediately/i);
    await user.type(within(dialog).getByLabelText('Type 2 to confirm'), '2{Enter}');
    await waitFor(() => expect(within(rowOf('Alpha')).getByText('Revocation pending')).toBeInTheDocument());
    expect(within(rowOf('Bravo')).getByText('Revocation pending')).toBeInTheDocument();
    expect(screen.getByText(/Revocation pending for 2 keys: they still work until RakerOne Admin reconnects\./)).toBeInTheDocument();
  });

  it('reusable with plain {id, name, hint}: keys RakerOne does not know are listed, not hidden', async () => {
    const fake = createFakeBridge({ keys: [makeKey({ id: '00000000-0000-4000-8000-00000000aaaa', name: 'Known' })] });
    (window as unknown as Record<string, unknown>).rakerone = fake.bridge;
    const user = userEvent.setup();
    let closed = false;
    render(
      <Providers client={createQueryClient()} env="test">
        <BulkRevokeDialog
          offline={false}
          onClose={() => (closed = true)}
          targets={[
            { id: '00000000-0000-4000-8000-00000000aaaa', name: 'Known', hint: 'rkr_key_…AAAA' },
            { id: '00000000-0000-4000-8000-00000000bbbb', name: 'Stranger', hint: 'rkr_key_…BBBB' },
          ]}
        />
      </Providers>,
    );
    await user.type(screen.getByLabelText('Type 2 to confirm'), '2');
    await user.click(screen.getByRole('button', { name: 'Revoke 2 keys' }));
    const review = await screen.findByRole('dialog', { name: 'Bulk revoke finished' });
    expect(within(review).getByText('1 key revoked: refused from now on.')).toBeInTheDocument();
    expect(within(review).getByText('1 key not found on RakerOne: nothing was revoked for it.')).toBeInTheDocument();
    expect(within(review).getByRole('list', { name: 'Keys not found' })).toHaveTextContent('Stranger rkr_key_…BBBB');
    await user.click(within(review).getByRole('button', { name: 'Done' }));
    expect(closed).toBe(true);
  });
});
