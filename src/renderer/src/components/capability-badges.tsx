/**
 * A key's permissions as small badges with the catalog's labels. These render in every visible table
 * row, so they are plain elements styled by app.css rather than Mantine components (a Mantine Badge
 * plus Tooltip per badge made each filter keystroke at 10,000 keys cost several frames). Rows are one
 * line high: the badges that fit the column's width are drawn (fit-badges.ts) and the rest are behind a
 * "+N more" button whose native popover lists them — a button, so it is reachable by keyboard (Tab,
 * Enter or Space opens it, Escape closes it), and a native popover, so it costs nothing until opened
 * and is never clipped by the cell. Screen readers also hear the rest in the button's own text.
 */
import { CAPABILITIES, type CapabilitySlug } from '@shared/capabilities';
import { badgeTextWidth, fitBadges, moreLabel } from './fit-badges';

/** Without a measured width (a test DOM, the first frame): this many, as before widths were known. */
const FALLBACK_SHOWN = 2;
const IMPERSONATE = 'Can impersonate';
/** Catalog position and label per slug, computed once (this runs for every visible row). */
const CATALOG = new Map<string, { index: number; label: string }>(CAPABILITIES.map((c, index) => [c.slug, { index, label: c.label }]));

interface Props {
  capabilities: readonly CapabilitySlug[];
  canImpersonate: boolean;
  /** Width in px the badges may take (the column's content width), or null when not measured. */
  budget: number | null;
  /** Unique per row: names the popover and anchors it to its button. */
  id: string;
}

export function CapabilityBadges({ capabilities, canImpersonate, budget, id }: Props) {
  const labels = capabilities
    .map((slug) => CATALOG.get(slug))
    .filter((entry) => entry !== undefined)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.label);
  const pinned = canImpersonate ? [IMPERSONATE] : [];
  const { shown, hidden } =
    budget === null ? { shown: labels.slice(0, FALLBACK_SHOWN), hidden: labels.slice(FALLBACK_SHOWN) } : fitBadges(pinned, labels, budget, badgeTextWidth);
  const popoverId = `rk-more-${id}`;
  const anchor = `--rk-more-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className="rk-badges">
      {canImpersonate && <span className="rk-badge rk-badge-orange">{IMPERSONATE}</span>}
      {labels.length === 0 && <span className="rk-badge rk-badge-outline">No permissions</span>}
      {shown.map((label) => (
        <span key={label} className="rk-badge rk-badge-blue">
          {label}
        </span>
      ))}
      {hidden.length > 0 && (
        <>
          <button type="button" className="rk-badge rk-badge-outline rk-badge-more" popoverTarget={popoverId} style={{ anchorName: anchor }}>
            {moreLabel(hidden.length)}
            <span className="rk-visually-hidden">: {hidden.join(', ')}</span>
          </button>
          <div popover="auto" id={popoverId} className="rk-more-popover" style={{ positionAnchor: anchor }}>
            <p className="rk-more-title">{hidden.length} more permissions</p>
            <ul>
              {hidden.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}
