/**
 * How many permission badges fit on one line of a table cell, without measuring any row.
 *
 * A key can hold all 22 permissions; a row is one line high, so badges past the cell's edge used to be
 * cut off mid-word with nothing saying how many there were. The table measures the Permissions column
 * once (and again only when it resizes); each row then decides with plain arithmetic which badges to
 * draw and how many go behind "+N more". Badge widths come from the text's real width in the badge font
 * (one canvas measurement per label, cached) or, where no canvas exists (a test DOM), an estimate.
 */

/** Horizontal padding (8 px each side) + border (1 px each side) of `.rk-badge` in app.css. */
const BADGE_CHROME = 18;
/** `gap` of `.rk-badges` in app.css. */
export const BADGE_GAP = 4;
/** `.rk-badge` text: 11 px bold. */
const BADGE_FONT_PX = 11;
/** Average advance of an 11 px bold sans-serif glyph, for when no canvas can measure. */
const FALLBACK_CHAR_PX = 6.8;

export interface BadgeFit {
  shown: string[];
  hidden: string[];
}

export function moreLabel(count: number): string {
  return `+${count} more`;
}

/**
 * The longest prefix of `labels` that fits in `budget` px together with a "+N more" badge for the rest
 * (or every label, when all fit). `pinned` labels come first and are always shown: they carry meaning
 * that must never hide behind "more" (Can impersonate).
 */
export function fitBadges(pinned: readonly string[], labels: readonly string[], budget: number, widthOf: (text: string) => number): BadgeFit {
  const width = (text: string) => widthOf(text) + BADGE_CHROME;
  /** Width of a line holding `texts` side by side. */
  const line = (texts: readonly string[]) => texts.reduce((sum, text, index) => sum + width(text) + (index > 0 ? BADGE_GAP : 0), 0);
  if (line([...pinned, ...labels]) <= budget) return { shown: [...labels], hidden: [] };

  let count = 0;
  while (count < labels.length && line([...pinned, ...labels.slice(0, count + 1), moreLabel(labels.length - count - 1)]) <= budget) count += 1;
  return { shown: labels.slice(0, count), hidden: labels.slice(count) };
}

const measured = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

/** The width in px of `text` in the badge font: measured once per text with a canvas, else estimated. */
export function badgeTextWidth(text: string): number {
  const cached = measured.get(text);
  if (cached !== undefined) return cached;
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : safeContext();
    if (context) context.font = `700 ${BADGE_FONT_PX}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  }
  const width = context ? Math.ceil(context.measureText(text).width) : Math.ceil(text.length * FALLBACK_CHAR_PX);
  measured.set(text, width);
  return width;
}

function safeContext(): CanvasRenderingContext2D | null {
  try {
    return document.createElement('canvas').getContext('2d');
  } catch {
    return null;
  }
}
