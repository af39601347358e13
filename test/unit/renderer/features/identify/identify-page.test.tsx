import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KeyRow } from '../../../../../src/shared/ipc/contract';
import type { IdentifyResult } from '../../../../../src/shared/ipc/identify';
import { makeKey } from '../../../../helpers/fake-bridge';
import { renderApp } from '../../render-app';

const PAGE = '#/admin/identify-leaked-keys';
const PASTE = 'log line with rkr_key_ABC and more';

function apiKeyOf(row: KeyRow) {
  const { pending: _pending, rotatesKeyId: _rotates, ...dto } = row;
  return dto;
}

/** Two of ours (one already revoked), one of another organization, one mistyped. */
function resultWith(ours: KeyRow[], lookup: IdentifyResult['lookup'] = 'named', resembles: IdentifyResult['rejected'][number]['resembles'] = null) {
  return (source: IdentifyResult['source']): IdentifyResult => ({
    source,
    lookup,
    keys: [
      ...ours.map((row, i) => ({
        ref: `found-${i + 1}`,
        hint: row.hint,
        occurrences: i + 1,
        firstSeen: { line: i + 1, column: 5 },
        match: lookup === 'named' ? { kind: 'ours' as const, key: apiKeyOf(row) } : { kind: 'unnamed' as const },
      })),
      {
        ref: 'found-9',
        hint: 'rkr_key_…Zz99',
        occurrences: 1,
        firstSeen: { line: 9, column: 1 },
        match: lookup === 'named' ? { kind: 'not-ours' as const } : { kind: 'unnamed' as const },
      },
    ],
    rejected: [{ ref: 'rejected-1', hint: 'rkr_key_…Typo', reason: 'checksum', occurrences: 1, firstSeen: { line: 4, column: 12 }, resembles }],
    rejectedCount: 1,
    adminTokens: 0,
  });
}

/** The scan's summary line, announced to screen readers (the header's connection status is another status). */
async function summary() {
  return within(await screen.findByRole('region', { name: 'Results' })).getByRole('status');
}

async function openPage(scenario: Parameters<typeof renderApp>[0]) {
  window.location.hash = PAGE;
  const rendered = renderApp(scenario);
  expect(await screen.findByRole('heading', { name: 'Identify leaked keys', level: 1 })).toBeInTheDocument();
  return rendered;
}

describe('Identify leaked keys', () => {
  it('is in the Admin sidebar and marks the page ready', async () => {
    await openPage({ keys: [] });
    const link = within(screen.getByRole('navigation', { name: 'Admin' })).getByRole('link', { name: 'Identify leaked keys' });
    expect(link).toHaveAttribute('href', PAGE);
    expect(link).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-rakerone-ready', 'true'));
  });

  it('lists what the scan found: name, status, last used, created by; "Not one of yours"; the checksum rejection', async () => {
    const billing = makeKey({ name: 'Billing export', hint: 'rkr_key_…Bill', createdBy: { id: 'p2', name: 'Ana Analyst' } });
    const old = makeKey({ name: 'Old webhook', hint: 'rkr_key_…Old1', status: 'revoked', revokedAt: '2026-11-01T00:00:00.000Z', lastUsedAt: null });
    const { user, fake } = await openPage({ keys: [billing, old], identify: resultWith([billing, old]) });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));

    expect(await summary()).toHaveTextContent('Found 3 API keys in the pasted text: 2 of yours, 1 not one of yours. 1 candidate rejected as not a valid key.');
    const table = screen.getByRole('table', { name: 'Keys found' });
    const billingRow = within(table).getByRole('row', { name: /Billing export/ });
    expect(billingRow).toHaveTextContent('rkr_key_…Bill');
    expect(billingRow).toHaveTextContent('Line 1, column 5');
    expect(billingRow).toHaveTextContent('Active');
    expect(billingRow).toHaveTextContent('Ana Analyst');
    const oldRow = within(table).getByRole('row', { name: /Old webhook/ });
    expect(oldRow).toHaveTextContent('Revoked');
    expect(oldRow).toHaveTextContent('Never');
    expect(oldRow).toHaveTextContent('2 times');
    expect(within(table).getByRole('row', { name: /rkr_key_…Zz99/ })).toHaveTextContent('Not one of yours');
    const rejected = screen.getByRole('table', { name: 'Not valid keys' });
    expect(within(rejected).getByRole('row', { name: /rkr_key_…Typo/ })).toHaveTextContent('Rejected by its checksum');
    expect(within(rejected).getByRole('row', { name: /rkr_key_…Typo/ })).toHaveTextContent('Line 4, column 12');
    expect(within(rejected).getByRole('row', { name: /rkr_key_…Typo/ })).not.toHaveTextContent('mistyped copy');

    // The text went to main once, and the box is empty again.
    expect(fake.callsTo('keys:identify')).toEqual([{ text: PASTE }]);
    expect(screen.getByLabelText(/Text to scan/)).toHaveValue('');
  });

  it('a checksum rejection main found one character away from a found key says which key it looks like a mistyped copy of', async () => {
    const billing = makeKey({ name: 'Billing export', hint: 'rkr_key_…Bill' });
    const { user } = await openPage({ keys: [billing], identify: resultWith([billing], 'named', { ref: 'found-1', name: 'Billing export' }) });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    const rejected = await screen.findByRole('table', { name: 'Not valid keys' });
    expect(within(rejected).getByRole('row', { name: /rkr_key_…Typo/ })).toHaveTextContent('looks like a mistyped copy of Billing export');
  });

  it('offline (the key not named), the near-miss names the found key by its hint', async () => {
    const billing = makeKey({ name: 'Billing export', hint: 'rkr_key_…Bill' });
    const { user } = await openPage({ keys: [billing], identify: resultWith([billing], 'offline', { ref: 'found-1', name: null }) });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    const rejected = await screen.findByRole('table', { name: 'Not valid keys' });
    expect(within(rejected).getByRole('row', { name: /rkr_key_…Typo/ })).toHaveTextContent('looks like a mistyped copy of rkr_key_…Bill');
  });

  it('"Revoke N keys" revokes our working keys through the bulk revoke dialog, and the results show them revoked', async () => {
    const billing = makeKey({ name: 'Billing export', hint: 'rkr_key_…Bill' });
    const webhook = makeKey({ name: 'Nightly webhook', hint: 'rkr_key_…Hook' });
    const old = makeKey({ name: 'Old webhook', status: 'revoked', revokedAt: '2026-11-01T00:00:00.000Z' });
    const { user, fake } = await openPage({ keys: [billing, webhook, old], identify: resultWith([billing, webhook, old]) });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));

    // The revoked key is not offered again; the other organization's key never is.
    await user.click(await screen.findByRole('button', { name: 'Revoke 2 keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 2 API keys?' });
    const listed = within(dialog).getByRole('list', { name: 'Keys to revoke' });
    expect(listed).toHaveTextContent('Billing export');
    expect(listed).toHaveTextContent('Nightly webhook');
    expect(listed).not.toHaveTextContent('Old webhook');
    await user.type(within(dialog).getByLabelText(/Type 2 to confirm/), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 2 keys' }));

    expect(fake.callsTo('keys:bulk-revoke')).toEqual([{ ids: [billing.id, webhook.id] }]);
    const table = screen.getByRole('table', { name: 'Keys found' });
    await waitFor(() => expect(within(table).getByRole('row', { name: /Billing export/ })).toHaveTextContent('Revoked'));
    expect(within(table).getByRole('row', { name: /Nightly webhook/ })).toHaveTextContent('Revoked');
    expect(screen.queryByRole('button', { name: /^Revoke \d+ keys?$/ })).not.toBeInTheDocument();
  });

  it('offline: says the keys are found but cannot be named yet, and keeps the text to scan again', async () => {
    const billing = makeKey({ name: 'Billing export' });
    const { user } = await openPage({ connection: 'offline', keys: [billing], identify: resultWith([billing], 'offline') });
    expect(screen.getByRole('note')).toHaveTextContent("You're offline");
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    expect(await summary()).toHaveTextContent('Found 2 API keys in the pasted text: not named yet.');
    expect(screen.getByText(/can't name them until it reconnects/)).toBeInTheDocument();
    expect(screen.getAllByText('Not named yet')).toHaveLength(2);
    expect(screen.queryByText('Billing export')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Text to scan/)).toHaveValue(PASTE);
  });

  it('empty: text without keys says so', async () => {
    const { user } = await openPage({ keys: [] });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste('nothing secret here');
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    expect(await summary()).toHaveTextContent('No API keys found in the pasted text.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("asks for text before scanning, and shows main's refusal without losing the text", async () => {
    const { user, fake } = await openPage({ keys: [] });
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    expect(screen.getByText('Paste the text to scan')).toBeInTheDocument();
    expect(fake.callsTo('keys:identify')).toHaveLength(0);

    fake.failNext('keys:identify', { code: 'RATE_LIMITED', message: 'Too many identify requests; try again later', details: { retryAfterSeconds: 30 } });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    expect(await screen.findByText(/Try again in 30 seconds\./)).toBeInTheDocument();
    expect(screen.getByText('Too many requests')).toBeInTheDocument();
    expect(screen.getByLabelText(/Text to scan/)).toHaveValue(PASTE);
  });

  it('opens a file through main and names it by its file name', async () => {
    const billing = makeKey({ name: 'Billing export' });
    const { user, fake } = await openPage({ keys: [billing], identify: resultWith([billing]), identifyFile: { name: 'service.log', bytes: 2048 } });
    await user.click(screen.getByRole('button', { name: 'Open a file…' }));
    expect(await summary()).toHaveTextContent('Found 2 API keys in “service.log”');
    expect(fake.callsTo('keys:identify-file')).toEqual([{}]);
  });

  it('a file dialog closed without a file changes nothing', async () => {
    const { user, fake } = await openPage({ keys: [], identifyFile: null });
    await user.click(screen.getByRole('button', { name: 'Open a file…' }));
    await waitFor(() => expect(fake.callsTo('keys:identify-file')).toHaveLength(1));
    expect(screen.queryByRole('region', { name: 'Results' })).not.toBeInTheDocument();
    expect(screen.queryByText("Couldn't scan this")).not.toBeInTheDocument();
  });
});

describe('Identify leaked keys: suspend instead of revoke', () => {
  it('"Suspend N keys" beside "Revoke N keys" switches our working keys off, with a reason', async () => {
    const billing = makeKey({ name: 'Billing export', hint: 'rkr_key_…Bill' });
    const webhook = makeKey({ name: 'Nightly webhook', hint: 'rkr_key_…Hook' });
    const { user, fake } = await openPage({ keys: [billing, webhook], identify: resultWith([billing, webhook]) });
    await user.click(screen.getByLabelText(/Text to scan/));
    await user.paste(PASTE);
    await user.click(screen.getByRole('button', { name: 'Scan text' }));
    expect(await screen.findByRole('button', { name: 'Revoke 2 keys' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Suspend 2 keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend 2 API keys?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Found in a support ticket');
    await user.type(within(dialog).getByLabelText(/Type 2 to confirm/), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend 2 keys' }));
    await waitFor(() => expect(fake.callsTo('keys:bulk-suspend')).toEqual([{ ids: [billing.id, webhook.id], reason: 'Found in a support ticket' }]));
    const table = screen.getByRole('table', { name: 'Keys found' });
    await waitFor(() => expect(within(table).getByRole('row', { name: /Billing export/ })).toHaveTextContent('Suspended'));
  });
});
