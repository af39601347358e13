/**
 * A key's permissions as small badges with the catalog's labels. These render in every visible table
 * row, so they are plain elements styled by app.css rather than Mantine components (a Mantine Badge
 * plus Tooltip per badge made each filter keystroke at 10,000 keys cost several frames). Rows have a
 * fixed height, so at most MAX_SHOWN badges are drawn and the rest are summarised as "+N more", with
 * the full list in its title, in screen-reader text, and in the details drawer.
 */
import { CAPABILITIES, type CapabilitySlug } from '../../../shared/capabilities';

const MAX_SHOWN = 2;
/** Catalog position and label per slug, computed once (this runs for every visible row). */
const CATALOG = new Map<string, { index: number; label: string }>(CAPABILITIES.map((c, index) => [c.slug, { index, label: c.label }]));

export function CapabilityBadges({ capabilities, canImpersonate }: { capabilities: readonly CapabilitySlug[]; canImpersonate: boolean }) {
  const labels = capabilities
    .map((slug) => CATALOG.get(slug))
    .filter((entry) => entry !== undefined)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.label);
  const shown = labels.slice(0, MAX_SHOWN);
  const hidden = labels.slice(MAX_SHOWN);
  return (
    <div className="rk-badges">
      {canImpersonate && <span className="rk-badge rk-badge-orange">Can impersonate</span>}
      {labels.length === 0 && <span className="rk-badge rk-badge-outline">No permissions</span>}
      {shown.map((label) => (
        <span key={label} className="rk-badge rk-badge-blue">
          {label}
        </span>
      ))}
      {hidden.length > 0 && (
        <span className="rk-badge rk-badge-outline" title={hidden.join(', ')}>
          +{hidden.length} more
          <span className="rk-visually-hidden">: {hidden.join(', ')}</span>
        </span>
      )}
    </div>
  );
}
