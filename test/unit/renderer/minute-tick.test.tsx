/** Relative times ("3 minutes ago") move on their own, from one shared timer that runs only while needed. */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useMinuteTick } from '../../../src/renderer/src/lib/use-minute-tick';
import { makeKey } from '../../helpers/fake-bridge';
import { renderApp } from './render-app';

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  // Ten seconds into a minute: the tick comes at 12:01:00, when "2 minutes ago" (11:58:10) is 2m50s old,
  // so the next text is "3 minutes ago" whatever the wall clock says when the suite runs.
  vi.setSystemTime(new Date('2026-11-20T12:00:10.000Z'));
});

afterEach(() => {
  // Unmount while the fake clock is still installed, so the shared timer is cleared on the clock that set it.
  cleanup();
  vi.useRealTimers();
});

function MinuteProbe({ label }: { label: string }) {
  return <span data-testid={label}>{useMinuteTick()}</span>;
}

describe('the shared minute tick', () => {
  it('redraws the table rows and the status bar as minutes pass, with no new data', async () => {
    const { fake } = renderApp({ keys: [makeKey({ name: 'Data import service', lastUsedAt: ago(2 * MINUTE) })], syncedAt: ago(5 * MINUTE) });
    const row = (await screen.findByRole('button', { name: 'Data import service' })).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('2 min ago')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Online, last synced 5 minutes ago.');
    const listCalls = fake.callsTo('keys:list').length;

    await act(() => vi.advanceTimersByTimeAsync(MINUTE + 1_000));

    expect(within(row).getByText('3 min ago')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Online, last synced 6 minutes ago.');
    // The list refresh ran meanwhile but answered the same data: the tick alone moved the text.
    expect(fake.callsTo('keys:list').length).toBeGreaterThan(listCalls);
  });

  it("redraws <When> (the details drawer's activity times) as minutes pass", async () => {
    const { user } = renderApp({ keys: [makeKey({ name: 'Fresh key', createdAt: ago(2 * MINUTE) })] });
    await user.click(await screen.findByRole('button', { name: 'Fresh key' }));
    const activity = await screen.findByRole('list', { name: 'Recent audit events' });
    expect(within(activity).getByText('2 minutes ago')).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(MINUTE + 1_000));

    expect(within(activity).getByText('3 minutes ago')).toBeInTheDocument();
  });

  it('runs one timer however many components subscribe, and none once they are gone', async () => {
    const before = vi.getTimerCount();
    const { unmount } = render(
      <>
        <MinuteProbe label="first" />
        <MinuteProbe label="second" />
      </>,
    );
    expect(vi.getTimerCount()).toBe(before + 1);
    const start = Number(screen.getByTestId('first').textContent);

    await act(() => vi.advanceTimersByTimeAsync(MINUTE + 1_000));
    expect(Number(screen.getByTestId('first').textContent)).toBe(start + 1);
    expect(Number(screen.getByTestId('second').textContent)).toBe(start + 1);
    expect(vi.getTimerCount()).toBe(before + 1);

    unmount();
    expect(vi.getTimerCount()).toBe(before);
  });
});
