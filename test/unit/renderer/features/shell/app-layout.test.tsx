import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../render-app';

/** happy-dom lays out and answers media queries (Mantine's hiddenFrom, our matchMedia) for this window size. */
function windowWidth(width: number) {
  (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height: 560 });
}

afterEach(() => windowWidth(1024));

describe('the sidebar in a narrow window', () => {
  it('folds away (inert, so Tab never reaches it) and opens from the menu button', async () => {
    windowWidth(800);
    renderApp({ keys: [] });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    const sidebar = document.getElementById('rk-sidebar')!;
    expect(sidebar).toHaveAttribute('inert');
    const toggle = screen.getByRole('button', { name: 'Show sidebar' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(toggle);
    expect(sidebar).not.toHaveAttribute('inert');
    expect(screen.getByRole('button', { name: 'Hide sidebar' })).toHaveAttribute('aria-expanded', 'true');

    // Choosing a page closes it, as a menu does.
    await userEvent.click(within(sidebar).getByRole('link', { name: 'Roles' }));
    expect(await screen.findByRole('heading', { name: 'Roles and permissions', level: 1 })).toBeInTheDocument();
    expect(sidebar).toHaveAttribute('inert');
  });

  it('stays open and reachable in a wide window', async () => {
    windowWidth(1280);
    renderApp({ keys: [] });
    await screen.findByRole('heading', { name: 'API keys', level: 1 });
    expect(document.getElementById('rk-sidebar')).not.toHaveAttribute('inert');
  });
});
