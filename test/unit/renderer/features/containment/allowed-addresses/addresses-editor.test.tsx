/** The drawer's allowed-addresses editor: checked as typed, filled from activity, a warning naming refused sources, clearing explicit. */
import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AddressesEditor, type SourcesState } from '../../../../../../src/renderer/src/features/containment/allowed-addresses/addresses-editor';
import type { ActivitySource } from '../../../../../../src/shared/http/activity';

const source = (address: string, userAgent: string | null = 'billing-sync/2.1'): ActivitySource => ({
  address,
  userAgent,
  firstSeenAt: '2026-11-01T08:00:00.000Z',
  lastSeenAt: '2026-11-19T08:00:00.000Z',
  requests: 12,
});

function renderEditor(current: string[] | null, sources: ActivitySource[] | null = [source('203.0.113.7'), source('198.51.100.9', null)]) {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  const activity: SourcesState = { sources, days: 30, loading: false };
  render(
    <MantineProvider env="test">
      <AddressesEditor current={current} activity={activity} saving={false} onSave={onSave} onCancel={onCancel} />
    </MantineProvider>,
  );
  const box = screen.getByRole('textbox', { name: /Allowed addresses/ });
  return { user: userEvent.setup(), onSave, onCancel, box };
}

describe('the allowed-addresses editor', () => {
  it("starts from the key's list and says, as it is typed, which line is wrong and why", async () => {
    const { user, box, onSave } = renderEditor(['10.0.0.0/8']);
    expect(box).toHaveValue('10.0.0.0/8');
    await user.type(box, '\n10.1.2.3/16');
    expect(await screen.findByText('Line 2: 10.1.2.3/16 has host bits set; did you mean 10.1.0.0/16?')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    const save = screen.getByRole('button', { name: /^Save/ });
    expect(save).toBeDisabled();
    await user.clear(box);
    await user.type(box, '10.1.0.0/16');
    expect(screen.queryByText(/^Line \d/)).not.toBeInTheDocument();
    expect(screen.getByText('1 of at most 50 blocks')).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('an emptied box is not "any address": it asks for a block and points to the explicit button', async () => {
    const { user, box, onSave } = renderEditor(['10.0.0.0/8']);
    await user.clear(box);
    expect(
      await screen.findByText(/List at least one address or block\. To let the key be used from anywhere, choose Allow from any address\./),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Allow from any address' }));
    expect(onSave).toHaveBeenCalledWith(null);
  });

  it('"Allow only the addresses it was used from" fills the box from the activity; saving sends those blocks', async () => {
    const { user, box, onSave } = renderEditor(null);
    expect(screen.queryByRole('button', { name: 'Allow from any address' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Allow only the addresses it was used from' }));
    expect(box).toHaveValue('203.0.113.7/32\n198.51.100.9/32');
    expect(screen.getByText('Filled with the 2 addresses this key was used from in the last 30 days.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Sources the new list would refuse' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save allowed addresses' }));
    expect(onSave).toHaveBeenCalledWith(['203.0.113.7/32', '198.51.100.9/32']);
  });

  it('before saving, names the recent sources the new list would refuse, and the Save button says how many', async () => {
    const { user, box, onSave } = renderEditor(null, [source('203.0.113.7'), source('198.51.100.9', null), source('2001:db8::5', 'nightly-export')]);
    await user.type(box, '203.0.113.0/24');
    const refused = await screen.findByRole('list', { name: 'Sources the new list would refuse' });
    const items = within(refused)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^198\.51\.100\.9 — last seen .+ ago$/);
    expect(items[1]).toMatch(/^2001:db8::5 — last seen .+ ago \(nightly-export\)$/);
    expect(screen.getByText('2 recent sources would be refused')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save and refuse 2 recent sources' }));
    expect(onSave).toHaveBeenCalledWith(['203.0.113.0/24']);
  });

  it('without activity to take from, the fill button is off and says why', () => {
    renderEditor(null, null);
    expect(screen.getByRole('button', { name: 'Allow only the addresses it was used from' })).toBeDisabled();
    expect(screen.getByText("Where this key was used from isn't known right now (it needs the server).")).toBeInTheDocument();
  });
});
