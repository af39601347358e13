/** The Export menus (keys page, audit log): what they ask main for, and what they say afterwards. */
import { notifications } from '@mantine/notifications';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditExportMenu } from '../../../../../src/renderer/src/features/export/audit-export-menu';
import { exportedText } from '../../../../../src/renderer/src/features/export/exported-text';
import { createQueryClient } from '../../../../../src/renderer/src/lib/query-client';
import { Providers } from '../../../../../src/renderer/src/providers';
import { createFakeBridge, makeKey } from '../../../../helpers/fake-bridge';
import { renderApp } from '../../render-app';

const KEYS = [
  makeKey({ name: 'Billing sync', createdAt: '2026-10-03T09:00:00.000Z' }),
  makeKey({ name: 'CRM import', createdAt: '2026-10-02T09:00:00.000Z' }),
  makeKey({ name: 'Old webhook', status: 'revoked', revokedAt: '2026-10-05T09:00:00.000Z', createdAt: '2026-10-01T09:00:00.000Z' }),
];

async function openMenu(scenario: Parameters<typeof renderApp>[0] = {}) {
  const context = renderApp({ keys: KEYS, ...scenario });
  await context.user.click(await screen.findByRole('button', { name: 'Export' }, LOADED));
  const menu = await screen.findByRole('menu');
  return { ...context, menu };
}

// The keys page loads through the fake bridge first; on a busy machine that takes more than the default 1 s.
const LOADED = { timeout: 10_000 };

// Mantine's notifications live in one store for the whole run: start each test without earlier ones.
beforeEach(() => notifications.clean());

describe('Export menu on the keys page', () => {
  it('exports the rows of the current filter, in the table order, and says where the file went', async () => {
    const { fake, user, menu } = await openMenu();
    expect(screen.getByRole('button', { name: 'Export' })).toHaveAttribute('title', 'Export 2 keys');
    expect(menu).toBeInTheDocument();
    await user.click(within(menu).getByRole('menuitem', { name: 'CSV' }));
    await waitFor(() => expect(fake.callsTo('export:keys')).toHaveLength(1));
    expect(fake.callsTo('export:keys')[0]).toEqual({ format: 'csv', ids: [KEYS[0]!.id, KEYS[1]!.id] });
    expect(await screen.findByText('Export saved')).toBeInTheDocument();
    expect(screen.getByText('2 keys exported to /home/ada/Downloads/acme-api-keys.csv.')).toBeInTheDocument();
  });

  it('follows the search: only the matching key is sent, as JSON', async () => {
    const context = renderApp({ keys: KEYS });
    await context.user.type(await screen.findByRole('searchbox', { name: 'Search' }, LOADED), 'crm');
    await context.user.click(screen.getByRole('button', { name: 'Export' }));
    await context.user.click(await screen.findByRole('menuitem', { name: 'JSON' }));
    await waitFor(() => expect(context.fake.callsTo('export:keys')).toEqual([{ format: 'json', ids: [KEYS[1]!.id] }]));
    expect(await screen.findByText('1 key exported to /home/ada/Downloads/acme-api-keys.json.')).toBeInTheDocument();
  });

  it('is keyboard operable: Enter opens, arrows move, Enter exports', async () => {
    const { fake, user } = renderApp({ keys: KEYS });
    (await screen.findByRole('button', { name: 'Export' }, LOADED)).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(fake.callsTo('export:keys')).toHaveLength(1));
  });

  it('a cancelled save dialog says nothing', async () => {
    const { fake, user, menu } = await openMenu({ saveDialog: 'cancel' });
    await user.click(within(menu).getByRole('menuitem', { name: 'CSV' }));
    await waitFor(() => expect(fake.callsTo('export:keys')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled());
    expect(screen.queryByText('Export saved')).not.toBeInTheDocument();
  });

  it('a failed write is reported with main’s message', async () => {
    const { fake, user, menu } = await openMenu();
    fake.failNext('export:keys', {
      code: 'INTERNAL',
      message: "Couldn't save keys.csv: permission denied. Nothing was written; choose another place and try again.",
    });
    await user.click(within(menu).getByRole('menuitem', { name: 'CSV' }));
    expect(await screen.findByText(/Couldn't save keys\.csv: permission denied\./)).toBeInTheDocument();
    expect(screen.queryByText('Export saved')).not.toBeInTheDocument();
  });

  it('is disabled when no key matches the filters', async () => {
    const { user } = renderApp({ keys: KEYS });
    await user.type(await screen.findByRole('searchbox', { name: 'Search' }, LOADED), 'nothing like this');
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
  });
});

describe('the notice after an export', () => {
  const noun = { one: 'key', many: 'keys' };
  it('counts rows, names the path, and says what was left out', () => {
    const written = { status: 'written' as const, format: 'csv' as const, path: '/tmp/k.csv', source: { kind: 'server' as const, asOf: null, complete: true } };
    expect(exportedText({ ...written, rows: 1, skipped: 0 }, noun)).toBe('1 key exported to /tmp/k.csv.');
    expect(exportedText({ ...written, rows: 1200, skipped: 1 }, noun)).toBe(
      `${(1200).toLocaleString()} keys exported to /tmp/k.csv. 1 key no longer in the list was left out.`,
    );
    expect(exportedText({ ...written, rows: 3, skipped: 2 }, noun)).toBe('3 keys exported to /tmp/k.csv. 2 keys no longer in the list were left out.');
  });

  it('says when the rows came from the offline copy, and when older ones were never kept', () => {
    const offline = { status: 'written' as const, format: 'csv' as const, path: '/tmp/a.csv', rows: 2, skipped: 0 };
    const events = { one: 'event', many: 'events' };
    expect(exportedText({ ...offline, source: { kind: 'cache', asOf: null, complete: true } }, events)).toBe(
      "2 events exported to /tmp/a.csv. You're offline: this is the copy kept on this computer.",
    );
    expect(exportedText({ ...offline, source: { kind: 'cache', asOf: '2026-11-20T12:00:00.000Z', complete: false } }, events)).toMatch(
      /^2 events exported to \/tmp\/a\.csv\. You're offline: this is the copy kept as of .+\. Older events were never kept offline and are not in the file\.$/,
    );
  });
});

describe('Export menu for the audit log', () => {
  it('sends the filter as it is and counts events in the notice', async () => {
    const fake = createFakeBridge({ audit: 12 });
    (window as unknown as Record<string, unknown>).rakerone = fake.bridge;
    const user = userEvent.setup();
    const filter = { actions: ['api_key.revoked' as const] };
    render(
      <Providers client={createQueryClient()} env="test">
        <AuditExportMenu filter={filter} filtered />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('button', { name: 'Export' })).toHaveAttribute('title', 'Export the events matching the filters');
    await user.click(screen.getByRole('menuitem', { name: 'CSV' }));
    await waitFor(() => expect(fake.callsTo('export:audit')).toEqual([{ format: 'csv', filter }]));
    expect(await screen.findByText(/^\d+ events? exported to \/home\/ada\/Downloads\/acme-audit-log\.csv\.$/)).toBeInTheDocument();
  });
});
