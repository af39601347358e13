/**
 * A row's "Needs attention" flags, in the status area beside the hint: the most urgent one as a badge,
 * with "+N" for the others (every flag is in its title and in its accessible text). One badge, not a
 * row of them: the name cell is narrow at the window's minimum size, and where even one does not fit
 * it ends in an ellipsis rather than being cut mid-word. Plain elements: drawn for every visible row.
 */
import type { KeyFlag } from '@shared/ipc/key-flags';
import { URGENT_FLAGS, byUrgency, flagLabel } from './key-flags';

/** `said`: what the row already says on its own line — the Expired status, the "Expires in …" text. */
export function FlagBadge({ flags, said }: { flags: readonly KeyFlag[]; said: { expired: boolean; expiresSoon: boolean } }) {
  const shown = byUrgency(flags).filter((flag) => !(said.expired && flag.kind === 'expired') && !(said.expiresSoon && flag.kind === 'expires-soon'));
  const first = shown[0];
  if (!first) return null;
  const labels = shown.map(flagLabel);
  const urgent = URGENT_FLAGS.has(first.kind);
  return (
    <span className={`rk-badge rk-badge-flag ${urgent ? 'rk-badge-orange' : 'rk-badge-yellow'}`} title={`Needs attention: ${labels.join(', ')}`}>
      <span className="rk-visually-hidden">Needs attention: </span>
      <span aria-hidden className="rk-flag-text">
        {labels[0]}
        {shown.length > 1 ? ` +${shown.length - 1}` : ''}
      </span>
      <span className="rk-visually-hidden">{labels.join(', ')}</span>
    </span>
  );
}
