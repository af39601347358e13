import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../../../../src/shared/http/api-keys';
import type { InvokeInput } from '../../../../../src/shared/ipc/contract';
import { AuditOfflineNotice } from '../../../../../src/renderer/src/features/audit/audit-offline-notice';
import { makeKey, PERSON } from '../../../../helpers/fake-bridge';
import { renderApp } from '../../render-app';

const billing = makeKey({ name: 'Billing export' });
const importer = makeKey({ name: 'Nightly import' });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const BY_ADA = { type: 'person' as const, id: PERSON.id, name: PERSON.name, viaKey: null };

function event(n: number, overrides: Partial<AuditEventDto>): AuditEventDto {
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    occurredAt: minutesAgo(n),
    action: 'api_key.created',
    actor: BY_ADA,
    target: { type: 'apiKey', id: billing.id, name: billing.name },
    details: null,
    ...overrides,
  };
}

const EVENTS: AuditEventDto[] = [
  event(1, { action: 'api_key.revoked', target: { type: 'apiKey', id: importer.id, name: importer.name } }),
  event(2, {
    action: 'record.created',
    actor: { type: 'apiKey', id: billing.id, name: billing.name, viaKey: null },
    target: { type: 'record', id: 'a1b2c3d4-record', name: null },
    details: { projectId: 'p-1', projectName: 'Operations' },
  }),
  event(3, { action: 'api_key.created', target: { type: 'apiKey', id: importer.id, name: importer.name } }),
  event(4, {
    action: 'api_key.created',
    details: {
      capabilities: ['data-record:read', 'data-record:write'],
      canImpersonate: false,
      secretGeneratedBy: 'client',
      expiresAt: '2027-01-01T00:00:00.000Z',
    },
  }),
];

async function openAuditLog(scenario: Parameters<typeof renderApp>[0]) {
  const rendered = renderApp({ keys: [billing, importer], audit: EVENTS, ...scenario });
  await rendered.user.click(await screen.findByRole('link', { name: 'Audit log' }));
  expect(await screen.findByRole('heading', { name: 'Audit log', level: 1 })).toBeInTheDocument();
  return rendered;
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Audit events' }))
    .getAllByRole('row')
    .slice(1);
const lastFilter = (fake: { callsTo: (c: 'audit:list') => unknown[] }) => (fake.callsTo('audit:list').at(-1) as InvokeInput<'audit:list'>).filter;

describe('Admin → Audit log', () => {
  it('is in the Admin sidebar, and lists every event newest first: when, what, who, about what', async () => {
    const { fake } = await openAuditLog({});
    expect(screen.getByRole('link', { name: 'Audit log' })).toHaveAttribute('aria-current', 'page');
    const table = await screen.findByRole('table', { name: 'Audit events' });
    expect(table).toHaveAttribute('aria-rowcount', '5');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['When', 'Action', 'Who', 'About']);
    expect(
      rows().map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(1)
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Key revoked', 'Ada Admin', 'API key “Nightly import”'],
      ['Record created', 'Billing export', 'Record a1b2c3d4'],
      ['Key created', 'Ada Admin', 'API key “Nightly import”'],
      ['Key created', 'Ada Admin', 'API key “Billing export”'],
    ]);
    expect(within(rows()[0]!).getByText('a minute ago')).toHaveAttribute('dateTime', EVENTS[0]!.occurredAt);
    expect(screen.getByTestId('audit-count')).toHaveTextContent('4 events');
    expect(lastFilter(fake)).toEqual({ actions: [], actorId: null, apiKeyId: null, from: null, to: null });
  });

  it('filters by action (several, by their names), and Clear filters brings every event back', async () => {
    const { fake, user } = await openAuditLog({});
    await user.click(screen.getByRole('combobox', { name: 'Action' }));
    await user.click(screen.getByRole('option', { name: 'Key revoked' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(lastFilter(fake).actions).toEqual(['api_key.revoked']);
    expect(within(rows()[0]!).getByRole('button', { name: 'Key revoked' })).toBeInTheDocument();

    await user.click(screen.getByRole('option', { name: 'Record created' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lastFilter(fake).actions).toEqual(['api_key.revoked', 'record.created']);

    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(rows()).toHaveLength(4));
  });

  it('filters by key (events about it or done by it) and by who did it', async () => {
    const { fake, user } = await openAuditLog({});
    await user.click(screen.getByRole('combobox', { name: 'Key' }));
    await user.click(screen.getByRole('option', { name: `${billing.name} (${billing.hint})` }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lastFilter(fake).apiKeyId).toBe(billing.id);

    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(rows()).toHaveLength(4));
    await user.click(screen.getByRole('combobox', { name: 'Who' }));
    // People the app knows (the admin), then the organization's keys.
    await user.click(screen.getByRole('option', { name: PERSON.name }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(lastFilter(fake).actorId).toBe(PERSON.id);
  });

  it('filters by a date range of whole local days, and refuses a backwards range on the field', async () => {
    const { fake } = await openAuditLog({});
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const yesterday = new Date(today.getTime() - 24 * 60 * 60_000);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: day(yesterday) } });
    await waitFor(() => expect(screen.getByText('No events match these filters.')).toBeInTheDocument());
    const sent = lastFilter(fake);
    expect(new Date(sent.to!).getTime()).toBe(new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime());

    fireEvent.change(screen.getByLabelText('From'), { target: { value: day(today) } });
    expect(await screen.findByText('The start date must not be after the end date')).toBeInTheDocument();
    const calls = fake.callsTo('audit:list').length;
    fireEvent.change(screen.getByLabelText('To'), { target: { value: day(today) } });
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(fake.callsTo('audit:list').length).toBeGreaterThan(calls);
    expect(new Date(lastFilter(fake).from!).getTime()).toBe(new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime());
  });

  it('opens an event in a drawer: who, when, about what, and its details in words', async () => {
    const { user } = await openAuditLog({});
    await user.click(within(rows()[3]!).getByRole('button', { name: 'Key created' }));
    const drawer = await screen.findByRole('dialog', { name: 'Key created' });
    expect(within(drawer).getByText('Created the key “Billing export”')).toBeInTheDocument();
    const facts = within(drawer).getByRole('table', { name: 'Event facts' });
    expect(within(facts).getByText('Ada Admin')).toBeInTheDocument();
    expect(within(facts).getByText(billing.id)).toBeInTheDocument();
    const details = within(drawer).getByRole('table', { name: 'Event details' });
    const detailRows = within(details)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(detailRows).toEqual([
      'CapabilitiesRead recordsWrite records',
      'Can impersonateNo',
      'Secret generated byclient',
      expect.stringMatching(/^Expires at.*2027/),
    ]);
    await user.click(within(drawer).getByRole('button', { name: 'Close event details' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('an event without details says so', async () => {
    const { user } = await openAuditLog({});
    await user.click(within(rows()[0]!).getByRole('button', { name: 'Key revoked' }));
    expect(within(await screen.findByRole('dialog', { name: 'Key revoked' })).getByText('No details were recorded.')).toBeInTheDocument();
  });

  it('offline: the cached log, with a notice saying how fresh it is', async () => {
    await openAuditLog({ connection: 'offline', now: new Date().toISOString() });
    const notice = await screen.findByRole('note');
    expect(notice).toHaveTextContent("You're offline");
    expect(notice).toHaveTextContent(/These are the audit events as of a day ago/);
    expect(rows()).toHaveLength(4);
  });

  it('loads older events as the admin scrolls to the end', async () => {
    const { fake } = await openAuditLog({ audit: 450 });
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(screen.getByTestId('audit-count')).toHaveTextContent('200 events loaded; scroll for older ones');
    expect(screen.getByRole('table', { name: 'Audit events' })).toHaveAttribute('aria-rowcount', '-1');
    const scroller = screen.getByTestId('audit-table-scroll');
    for (const [before, loaded] of [
      [200, 400],
      [400, 450],
    ] as const) {
      scroller.scrollTop = 48 * (before - 10);
      fireEvent.scroll(scroller);
      await waitFor(() => expect(screen.getByTestId('audit-count')).toHaveTextContent(new RegExp(`^${loaded} events`)));
    }
    expect(screen.getByRole('table', { name: 'Audit events' })).toHaveAttribute('aria-rowcount', '451');
    expect(fake.callsTo('audit:list')).toHaveLength(3);
  });

  it('says when there are no events yet', async () => {
    await openAuditLog({ audit: [] });
    expect(await screen.findByText('No audit events yet.')).toBeInTheDocument();
  });
});

describe('the offline notice', () => {
  it('says when the log was never loaded on this computer, and when older events were not kept', () => {
    const { rerender } = render(
      <MantineProvider env="test">
        <AuditOfflineNotice page={{ events: [], nextCursor: null, source: 'cache', fetchedAt: null, olderNotCachedBefore: null }} />
      </MantineProvider>,
    );
    expect(screen.getByRole('note')).toHaveTextContent("The audit log hasn't been loaded on this computer yet.");
    rerender(
      <MantineProvider env="test">
        <AuditOfflineNotice
          page={{ events: [], nextCursor: null, source: 'cache', fetchedAt: minutesAgo(90), olderNotCachedBefore: '2026-01-05T10:00:00.000Z' }}
        />
      </MantineProvider>,
    );
    expect(screen.getByRole('note')).toHaveTextContent(/as of 2 hours ago/);
    expect(screen.getByRole('note')).toHaveTextContent(/Events before .*2026.* weren't kept on this computer/);
  });
});
