/** Checks over what the keys table draws: how many rows a person sees, and whether any text is cut unseen. */
import type { Locator, Page } from '@playwright/test';

/** Rows of the keys table wholly visible without scrolling (inside the window and the table's scroller). */
export async function rowsAboveTheFold(page: Page): Promise<number> {
  return page.getByRole('table', { name: 'API keys' }).evaluate((table) => {
    const scroller = table.querySelector('[data-testid="keys-table-scroll"]')!.getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, scroller.bottom);
    const rows = [...table.querySelectorAll('[data-testid="keys-table-scroll"] [role="row"]')];
    return rows.filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= scroller.top - 0.5 && box.bottom <= bottom + 0.5 && box.height > 0;
    }).length;
  });
}

/**
 * Every visible cell of the table (header included): each element holding text either shows all of it,
 * or ends in an ellipsis (text-overflow or a line clamp) with its full text reachable — in its title, or
 * as its accessible name (aria-label), or in hidden text beside it. An element cut by its cell (not by
 * its own ellipsis) is a failure too. Returns what is wrong, one line each.
 */
export async function cutTexts(table: Locator): Promise<string[]> {
  return table.evaluate((root) => {
    const problems: string[] = [];
    const hidden = (element: Element) => element.closest('.rk-visually-hidden, [popover]') !== null;
    const cells = [...root.querySelectorAll('[role="cell"], [role="columnheader"]')].filter((cell) => {
      const box = cell.getBoundingClientRect();
      return box.width > 0 && box.bottom > 0 && box.top < window.innerHeight;
    });
    for (const cell of cells) {
      const cellBox = cell.getBoundingClientRect();
      const holders = [cell, ...cell.querySelectorAll('*')].filter(
        (element) => !hidden(element) && [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''),
      );
      for (const element of holders) {
        // Its own text (a badge's hidden explanation is a child of its own, not what it shows).
        const text = [...element.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent)
          .join('')
          .trim();
        const box = element.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.left < cellBox.left - 0.5 || box.right > cellBox.right + 0.5) problems.push(`"${text}" runs out of its cell`);
        const style = getComputedStyle(element);
        const cutAcross = element.scrollWidth > element.clientWidth + 1;
        const cutDown = element.scrollHeight > element.clientHeight + 1 && style.overflowY !== 'visible';
        if (!cutAcross && !cutDown) continue;
        const ellipsis = (cutAcross && style.textOverflow === 'ellipsis') || (cutDown && style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '');
        if (!ellipsis) problems.push(`"${text}" is cut without an ellipsis`);
        // A "Needs attention" badge reads "Never used +1": its title lists every flag, not the count.
        const said = text.replace(/ \+\d+$/, '');
        const full = [element.getAttribute('title'), element.getAttribute('aria-label'), element.closest('[title]')?.getAttribute('title')];
        if (!full.some((value) => value !== null && value !== undefined && value.includes(said)))
          problems.push(`"${text}" is cut and its full text is nowhere to read`);
      }
    }
    return problems;
  });
}
