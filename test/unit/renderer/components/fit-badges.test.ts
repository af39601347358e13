import { describe, expect, it } from 'vitest';
import { BADGE_GAP, fitBadges, moreLabel } from '../../../../src/renderer/src/components/fit-badges';

/** Every character 10 px wide: a badge is 10 × length + 18 (padding and border). */
const width = (text: string) => text.length * 10;
const badge = (text: string) => width(text) + 18;

describe('fitBadges', () => {
  const labels = ['aaaa', 'bbbb', 'cccc', 'dddd'];

  it('draws every badge when the line holds them all', () => {
    const all = labels.reduce((sum, t) => sum + badge(t), 0) + 3 * BADGE_GAP;
    expect(fitBadges([], labels, all, width)).toEqual({ shown: labels, hidden: [] });
  });

  it('draws the longest prefix that fits beside "+N more", never a part of a badge', () => {
    const all = labels.reduce((sum, t) => sum + badge(t), 0) + 3 * BADGE_GAP;
    const fit = fitBadges([], labels, all - 1, width);
    // 2 badges + "+2 more" = 58 + 4 + 58 + 4 + 88 = 212 ≤ 231; 3 + "+1 more" = 58·3 + 8 + 4 + 88 = 274 > 231.
    expect(fit).toEqual({ shown: ['aaaa', 'bbbb'], hidden: ['cccc', 'dddd'] });
    const used = fit.shown.reduce((sum, t) => sum + badge(t) + BADGE_GAP, 0) + badge(moreLabel(fit.hidden.length));
    expect(used).toBeLessThanOrEqual(all - 1);
  });

  it('keeps pinned badges (Can impersonate) and counts them in the width', () => {
    const fit = fitBadges(['Can impersonate'], labels, badge('Can impersonate') + BADGE_GAP + badge(moreLabel(4)), width);
    expect(fit).toEqual({ shown: [], hidden: labels });
  });

  it('puts everything behind "+N more" when not even one badge fits', () => {
    expect(fitBadges([], labels, 10, width)).toEqual({ shown: [], hidden: labels });
  });

  it('has nothing to hide when there are no labels', () => {
    expect(fitBadges(['Can impersonate'], [], 0, width)).toEqual({ shown: [], hidden: [] });
  });
});
