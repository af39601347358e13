/**
 * The keys table at its edges: a key holding all 22 permissions and a long name, at the window's
 * minimum size (800×560, which the app allows) and at 1280×800, light and dark. Nothing a person needs
 * may leave the screen or be cut mid-word: the Create API key button, each row's name, status and
 * actions; the permissions that do not fit are behind "+N more", whose popover lists them and opens
 * from the keyboard; the full name shows on keyboard focus.
 */
import AxeBuilder from '@axe-core/playwright';
import { CAPABILITIES } from '../../src/shared/capabilities.js';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi, keyRow } from './support/flows.js';
import { textIsCut, visibleFraction } from './support/geometry.js';

const LONG_NAME = 'Nightly reconciliation between the billing ledger and the data warehouse';
const SIZES = [
  { width: 800, height: 560 },
  { width: 1280, height: 800 },
] as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`the table keeps names, permissions and actions on screen at 800×560 and 1280×800 (${scheme})`, async ({ page, server }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const all = CAPABILITIES.map((c) => c.slug);
    expect((await server.api(server.adminToken).post('/api/admin/api-keys', { name: LONG_NAME, capabilities: all, canImpersonate: true })).status).toBe(201);
    // Created through the app, so the list (with the key above) is fetched again.
    await createKeyThroughUi(page, { name: 'Health checker', capabilities: ['Read records'] });
    const wide = keyRow(page, LONG_NAME);
    await expect(wide).toHaveCount(1);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `${size.width}×${size.height}`;
      const create = page.getByRole('button', { name: 'Create API key' });
      await expect.poll(() => visibleFraction(create), `Create API key at ${where}`).toBe(1);
      expect(await textIsCut(create.locator('.mantine-Button-label')), `Create API key label cut at ${where}`).toBe(false);

      // Nothing runs off the right edge: the page never scrolls sideways. (Vertically it may: at 560 px
      // the filters and the selection bar can push the rows down, so each row is scrolled to first.)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${where}`).toBe(true);
      for (const name of [LONG_NAME, 'Health checker']) {
        const row = keyRow(page, name);
        await row.evaluate((element) => element.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
        expect(await visibleFraction(row.getByRole('button', { name, exact: true })), `${name} at ${where}`).toBe(1);
        expect(await visibleFraction(row.getByRole('button', { name: `Revoke ${name}` })), `Revoke ${name} at ${where}`).toBe(1);
      }

      // Every badge drawn is whole; the rest is counted, not cut.
      const badges = wide.locator('.rk-badge');
      for (const badge of await badges.all()) expect(await visibleFraction(badge), `badge "${await badge.textContent()}" at ${where}`).toBe(1);
      const drawn = await wide.locator('.rk-badge-blue').count();
      const more = wide.getByRole('button', { name: /^\+\d+ more/ });
      await expect(more).toHaveText(new RegExp(`^\\+${all.length - drawn} more`));
      await expect(wide.getByText('Can impersonate', { exact: true })).toBeVisible();
    }

    // At the minimum size the sidebar folds behind a menu button, and nothing in it can be tabbed to.
    await page.setViewportSize(SIZES[0]);
    await expect(page.getByRole('complementary', { name: 'Sidebar' })).not.toBeInViewport();
    await page.getByRole('button', { name: 'Show sidebar' }).click();
    await expect(page.getByRole('link', { name: 'Roles', exact: true })).toBeInViewport();
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    await expect(page.getByRole('link', { name: 'Roles', exact: true })).not.toBeInViewport();

    // "+N more" opens from the keyboard and lists the permissions that were not drawn.
    const more = wide.getByRole('button', { name: /^\+\d+ more/ });
    await more.focus();
    await page.keyboard.press('Enter');
    const list = page.locator('.rk-more-popover:popover-open');
    await expect(list).toBeVisible();
    await expect(list.getByText('Delete records', { exact: true })).toBeVisible();
    expect(await visibleFraction(list)).toBe(1);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'axe at 800×560').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();

    // The long name is cut in the row; on keyboard focus its full text shows under it.
    const nameButton = wide.getByRole('button', { name: LONG_NAME, exact: true });
    expect(await textIsCut(nameButton)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(nameButton).toBeFocused();
    const fullName = page.locator('.rk-name-popover:popover-open');
    await expect(fullName).toHaveText(LONG_NAME);
    expect(await visibleFraction(fullName)).toBe(1);
    await page.keyboard.press('Tab');
    await expect(fullName).toBeHidden();
  });
}
