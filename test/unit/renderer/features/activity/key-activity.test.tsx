import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { KEYS_REFRESH_MS } from '../../../../../src/renderer/src/features/keys/hooks';
import type { KeyActivityView } from '../../../../../src/shared/ipc/activity';
import { longDate } from '../../../../../src/renderer/src/lib/time';
import { activityDays, activitySource } from '../../../../helpers/fake-activity';
import { makeKey } from '../../../../helpers/fake-bridge';
import { renderApp } from '../../render-app';

const NOW = new Date();
const today = NOW.toISOString().slice(0, 10);
const KEY = makeKey({ name: 'Data import service' });

function usedView(source: 'server' | 'cache' = 'server', asOf = NOW.toISOString()): KeyActivityView {
  return {
    activity: {
      days: activityDays(NOW, { 0: { requests: 12, refused: 2 }, 3: { requests: 5 } }),
      sources: [
        activitySource({ address: '203.0.113.7', userAgent: 'curl/8.5.0', requests: 12 }),
        activitySource({ address: '2001:db8::1', userAgent: null, requests: 5 }),
      ],
    },
    asOf,
    source,
  };
}

async function openDrawer(user: ReturnType<typeof renderApp>['user'], name = 'Data import service') {
  await screen.findByRole('table', { name: 'API keys' });
  await user.click(screen.getByRole('button', { name }));
  return screen.findByRole('dialog', { name });
}

function section(drawer: HTMLElement, heading: string): HTMLElement {
  return within(drawer).getByRole('heading', { name: heading }).closest('section') as HTMLElement;
}

describe('the details drawer’s Activity', () => {
  it('says the numbers in words, draws the chart, and shows every day in a table on request', async () => {
    const { fake, user } = renderApp({ keys: [KEY] });
    fake.activity.set(KEY.id, usedView());
    const drawer = await openDrawer(user);
    const activity = section(drawer, 'Activity');
    expect(await within(activity).findByTestId('activity-summary')).toHaveTextContent(
      `17 requests and 2 refused in these 30 days. ${longDate(today)}: 12 requests, 2 refused.`,
    );
    expect(within(activity).getByTestId('activity-as-of')).toHaveTextContent(/^Last 30 days \(UTC\), as of /);
    expect(within(activity).getByTestId('activity-chart')).toHaveAttribute('aria-hidden', 'true');

    const toggle = within(activity).getByRole('button', { name: 'Show as table' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(activity).queryByRole('table')).not.toBeInTheDocument();
    await user.click(toggle);
    const table = within(activity).getByRole('table', { name: 'Requests and refusals per day (UTC), oldest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(30);
    expect(rows.at(-1)).toHaveTextContent(`${longDate(today)}122`);
    expect(
      within(rows.at(-1)!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['12', '2']);
    expect(within(activity).getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('lists where the key was used from, most recently seen first, with its user agent or none', async () => {
    const { fake, user } = renderApp({ keys: [KEY] });
    fake.activity.set(KEY.id, usedView());
    const drawer = await openDrawer(user);
    const table = await within(drawer).findByRole('table', { name: 'Where from' });
    const rows = within(table).getAllByRole('row');
    expect(
      rows.map((row) =>
        within(row)
          .queryAllByRole('columnheader')
          .map((h) => h.textContent),
      )[0],
    ).toEqual(['Address', 'User agent', 'First seen', 'Last seen', 'Requests']);
    expect(rows[1]).toHaveTextContent(/^203\.0\.113\.7curl\/8\.5\.0.*12$/);
    expect(rows[2]).toHaveTextContent(/^2001:db8::1None sent.*5$/);
  });

  it('a key without activity says so in words: no requests, no addresses', async () => {
    const { user } = renderApp({ keys: [KEY] });
    const drawer = await openDrawer(user);
    expect(await within(drawer).findByTestId('activity-summary')).toHaveTextContent(/^No requests in these 30 days\./);
    expect(within(section(drawer, 'Where from')).getByText('No addresses: no request with this key was let in during these 30 days.')).toBeInTheDocument();
  });

  it('offline: the activity last fetched, with its date', async () => {
    const asOf = new Date(NOW.getTime() - 3 * 3_600_000).toISOString();
    const { fake, user } = renderApp({ keys: [KEY], connection: 'offline' });
    fake.activity.set(KEY.id, usedView('cache', asOf));
    const drawer = await openDrawer(user);
    const note = await within(drawer).findByTestId('activity-as-of');
    expect(note).toHaveTextContent(/^Offline: activity as of 3 hours ago \(.+\), when RakerOne Admin last reached the server\.$/);
    expect(within(drawer).getByTestId('activity-summary')).toHaveTextContent(/^17 requests and 2 refused/);
    expect(within(drawer).getByRole('table', { name: 'Where from' })).toBeInTheDocument();
  });

  it('offline and never fetched: it says it needs the server — no chart, no empty table', async () => {
    const { user } = renderApp({ keys: [KEY], connection: 'offline' });
    const drawer = await openDrawer(user);
    expect(await within(drawer).findByTestId('activity-needs-server')).toHaveTextContent(
      "Activity needs the server: RakerOne Admin is offline and has not fetched this key's activity before.",
    );
    expect(within(drawer).queryByTestId('activity-chart')).not.toBeInTheDocument();
    expect(within(drawer).queryByRole('heading', { name: 'Where from' })).not.toBeInTheDocument();
  });

  it('a key not yet on the server says so', async () => {
    const { fake, user } = renderApp({ keys: [KEY] });
    fake.activity.set(KEY.id, { activity: null, asOf: null, source: 'queued-create' });
    const drawer = await openDrawer(user);
    expect(await within(drawer).findByText(/^No activity yet: this key is not on RakerOne until/)).toBeInTheDocument();
  });

  it('an error is shown as one, not as an empty chart', async () => {
    const { fake, user } = renderApp({ keys: [KEY] });
    fake.failNext('keys:activity', { code: 'FORBIDDEN', message: 'Only admins can see key activity.' });
    const drawer = await openDrawer(user);
    expect(await within(section(drawer, 'Activity')).findByText('Only admins can see key activity.')).toBeInTheDocument();
    expect(within(drawer).queryByTestId('activity-chart')).not.toBeInTheDocument();
  });

  it('the table is reachable from the keyboard: Tab reaches "Show as table", Enter opens it', async () => {
    const { fake, user } = renderApp({ keys: [KEY] });
    fake.activity.set(KEY.id, usedView());
    const drawer = await openDrawer(user);
    const toggle = await within(drawer).findByRole('button', { name: 'Show as table' });
    for (let i = 0; i < 40 && document.activeElement !== toggle; i++) await user.tab();
    expect(toggle).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(drawer).getByRole('table', { name: /^Requests and refusals per day/ })).toBeVisible();
  });

  it('asks main again when the key’s last use moves', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { fake, user } = renderApp({ keys: [KEY] });
      await openDrawer(user);
      await waitFor(() => expect(fake.callsTo('keys:activity')).toHaveLength(1));
      fake.keys = [{ ...fake.keys[0]!, lastUsedAt: new Date().toISOString() }];
      await vi.advanceTimersByTimeAsync(KEYS_REFRESH_MS);
      await waitFor(() => expect(fake.callsTo('keys:activity')).toHaveLength(2));
    } finally {
      vi.useRealTimers();
    }
  });
});
