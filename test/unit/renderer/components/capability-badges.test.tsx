import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CapabilityBadges } from '../../../../src/renderer/src/components/capability-badges';
import { CAPABILITIES } from '../../../../src/shared/capabilities';

const ALL = CAPABILITIES.map((c) => c.slug);

function renderBadges(budget: number | null, canImpersonate = true) {
  return render(
    <MantineProvider env="test">
      <CapabilityBadges capabilities={ALL} canImpersonate={canImpersonate} budget={budget} id="key-1" />
    </MantineProvider>,
  );
}

describe('CapabilityBadges', () => {
  it('puts the permissions that do not fit behind a "+N more" button whose popover lists them', () => {
    renderBadges(400);
    expect(screen.getByText('Can impersonate')).toBeInTheDocument();
    const more = screen.getByRole('button', { name: /^\+\d+ more/ });
    const shown = document.querySelectorAll('.rk-badge-blue').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(ALL.length);
    expect(more.textContent).toMatch(new RegExp(`^\\+${ALL.length - shown} more`));

    const popover = document.getElementById(more.getAttribute('popovertarget')!)!;
    expect(popover).toHaveAttribute('popover', 'auto');
    const listed = [...popover.querySelectorAll('li')].map((li) => li.textContent);
    expect(listed).toHaveLength(ALL.length - shown);
    expect(listed).toContain('Delete records');
    expect(popover).toHaveTextContent(`${ALL.length - shown} more permissions`);
    // The drawn badges and the popover together hold each permission once.
    const drawn = [...document.querySelectorAll('.rk-badge-blue')].map((b) => b.textContent);
    expect(new Set([...drawn, ...listed]).size).toBe(ALL.length);
  });

  it('draws every permission when the column is wide enough', () => {
    renderBadges(100_000, false);
    expect(document.querySelectorAll('.rk-badge-blue')).toHaveLength(ALL.length);
    expect(screen.queryByRole('button', { name: /more/ })).not.toBeInTheDocument();
  });

  it('without a measured width shows two and counts the rest', () => {
    renderBadges(null);
    expect(document.querySelectorAll('.rk-badge-blue')).toHaveLength(2);
    expect(screen.getByRole('button', { name: /^\+20 more/ })).toBeInTheDocument();
  });
});
